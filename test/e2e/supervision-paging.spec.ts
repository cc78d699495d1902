import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedAcceptedApplications } from '../../bench/accept-input';
import { login, rpcFor, setUpWorkstation } from './helpers';
import { startHost, type RunningHost } from './host';

// The supervision board pages by keyset (issue 14): the next page continues after the last row
// the clerk saw (the request carries `after`), a jump back goes by position, and no case is
// shown twice or skipped. The paging is driven on screen; the open cases it pages through are a
// FIXTURE written into the data directory by the core's own acceptance before the host starts
// (acceptance on the screen is the subject of other specs; fifty-odd of them would cost minutes).
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });

const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null } as const;
/** 26 applications of two items each: 52 open cases, more than one page of 50. */
const APPLICATIONS = 26;
const total = APPLICATIONS * 2;

test.beforeAll(async () => {
  host = await startHost({}, (dataDir, now) => seedAcceptedApplications(dataDir, APPLICATIONS, now));
  await setUpWorkstation(rpc, [CLERK]);
});
test.afterAll(async () => {
  await host.stop();
});

test('the clerk pages through the supervision board', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.launchUrl);
  await login(page, CLERK);
  await page.getByRole('menuitem', { name: '督办' }).click();
  await expect(page.getByText(`共 ${total} 件`)).toBeVisible();
  const caseNumbers = () => page.locator('.ant-table-tbody tr.ow-clickable-row td:nth-child(2)').allInnerTexts();
  await expect.poll(async () => (await caseNumbers()).length).toBe(50);
  const page1 = await caseNumbers();

  const boardRequest = page.waitForRequest((r) => r.url().includes('supervision.board') && (r.postData() ?? '').includes('"after"'));
  await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
  expect(JSON.parse((await boardRequest).postData()!)).toMatchObject({ limit: 50, after: expect.any(String) });
  await expect.poll(async () => (await caseNumbers()).length).toBe(total - 50);
  const page2 = await caseNumbers();
  await page.screenshot({ path: join(shots, 'supervision-page-2.png') });
  // Every open case once across the two pages.
  expect(new Set([...page1, ...page2]).size).toBe(total);

  await page.locator('.ant-pagination').getByTitle('1', { exact: true }).click();
  await expect.poll(caseNumbers).toEqual(page1);
  await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
  await expect.poll(caseNumbers).toEqual(page2);
});
