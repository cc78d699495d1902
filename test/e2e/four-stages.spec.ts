import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_CODE } from '../unit/acceptance/standard-project';
import { acceptStage, decideSignIssue, login, makeDepartmentStaff, rpcFor, type StaffByDepartment } from './helpers';
import { startHost, type RunningHost } from './host';

// One project through all four stages in the UI: each stage's form asks only what earlier
// stages did not know, and each checklist reuses what they received and issued. Between stages
// the cases are decided, batch-signed (SM2, one step-up) and issued on the screens, by staff of
// each case's department (made as a fixture).
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const pdf = join(shots, '..', 'four-stages-material.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null };
let staff: StaffByDepartment;

test.beforeAll(async ({ browser }) => {
  host = await startHost();
  await rpc('session.setupAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  await rpc('session.login', { username: 'admin', password: 'admin-pass-1' });
  await rpc('session.createUser', CLERK);
  const view = await rpc<Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }>('settings.get', {});
  await rpc('settings.update', {
    ...view,
    platform: {},
    devices: { ...view.devices, idcard: { ...view.devices.idcard, driver: 'simulator', pollIntervalMs: 200 } },
  });
  await rpc('session.logout', {});
  staff = await makeDepartmentStaff(rpc, browser, host.launchUrl);
});
test.afterAll(async () => {
  await host.stop();
});

test('one project through the four stages, each with one form', async ({ page }) => {
  // Four acceptances on a shared, loaded machine: each step waits on state; only the total is long.
  test.setTimeout(900_000);
  await page.goto(host.launchUrl);
  await login(page, CLERK);
  const typedPerStage: number[] = [];
  for (const stage of [1, 2, 3, 4]) {
    const { typed, statuses, cases } = await acceptStage(page, stage, {
      file: pdf,
      card: 'resident-standard',
      hooks: {
        onFormFilled: () => page.screenshot({ path: join(shots, `four-stages-${stage}-form.png`), fullPage: true }).then(() => undefined),
        onCollected: () =>
          page.screenshot({ path: join(shots, `four-stages-${stage}-materials.png`), fullPage: true }).then(() => undefined),
      },
    });
    typedPerStage.push(typed.length);
    const reused = statuses.filter(([, s]) => s === '复用').length;
    if (stage > 1) expect(reused, `stage ${stage} reuses earlier materials`).toBeGreaterThan(0);
    await decideSignIssue(page, cases, { staff, clerk: CLERK });
    await page.reload();
    await expect(page.getByTestId('user-menu')).toContainText(CLERK.displayName);
  }
  // The project, found again at 受理, shows its four stages issued.
  await page.getByRole('menuitem', { name: /受理/ }).click();
  await page.keyboard.press('F4');
  await page.getByPlaceholder(/^项目代码/).fill(PROJECT_CODE);
  await page.getByPlaceholder(/^项目代码/).press('Enter');
  const row = page.getByRole('row', { name: new RegExp(PROJECT_CODE) });
  for (const n of [1, 2, 3, 4]) await expect(row).toContainText(`第${n}阶段已出件`);
  await page.screenshot({ path: join(shots, 'four-stages-project-issued.png') });
  // Later stages ask less: most of what they need is known by then.
  expect(typedPerStage[3]!).toBeLessThan(typedPerStage[0]!);
});
