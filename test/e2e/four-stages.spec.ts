import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_CODE } from '../unit/acceptance/standard-project';
import {
  acceptedCases,
  collectMaterials,
  decideSignIssue,
  fillEmptyFields,
  login,
  makeDepartmentStaff,
  placeTrainingCard,
  rpcFor,
  type AcceptedCase,
  type StaffByDepartment,
} from './helpers';
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

test.beforeAll(async () => {
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
  staff = await makeDepartmentStaff(rpc);
});
test.afterAll(async () => {
  await host.stop();
});

async function acceptInUi(page: Page, stage: number): Promise<{ typed: number; reused: number; cases: AcceptedCase[] }> {
  await page.getByRole('menuitem', { name: /受理/ }).click();
  await page.keyboard.press('F4');
  await page.getByPlaceholder(/^项目代码/).fill(PROJECT_CODE);
  await page.keyboard.press('Enter');
  if (stage === 1) {
    await page.getByTestId('new-project').click();
  } else {
    await page.getByRole('row', { name: new RegExp(PROJECT_CODE) }).click();
    await page.getByTestId('stage-choice').getByText(`第${stage}阶段`).click();
  }
  await page.getByTestId('to-form').click();
  // The reader reports a card once, when it is laid down: lay it when the form is there to take it.
  await expect(page.getByTestId('field-agent.name')).toBeVisible();
  await placeTrainingCard(page, 'resident-standard');
  await expect(page.getByTestId('field-agent.name')).toHaveAttribute('data-source', 'idcard');
  const typed = await fillEmptyFields(page);
  await page.screenshot({ path: join(shots, `four-stages-${stage}-form.png`), fullPage: true });
  await page.getByTestId('to-materials').click();
  // The checklist is composed on the Node side: wait for it before reading it.
  await expect(page.locator('[data-testid^="status-"]', { hasText: stage > 1 ? '复用' : '需收取' }).first()).toBeVisible();
  const statuses = await collectMaterials(page, pdf);
  await page.screenshot({ path: join(shots, `four-stages-${stage}-materials.png`), fullPage: true });
  await page.getByTestId('to-review').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('受理成功')).toBeVisible();
  const cases = await acceptedCases(page);
  return { typed, reused: statuses.filter(([, s]) => s === '复用').length, cases };
}

test('one project through the four stages, each with one form', async ({ page }) => {
  // Four acceptances on a shared, loaded machine: each step waits on state; only the total is long.
  test.setTimeout(900_000);
  await page.goto(host.launchUrl);
  await login(page, CLERK);
  const typedPerStage: number[] = [];
  for (const stage of [1, 2, 3, 4]) {
    const { typed, reused, cases } = await acceptInUi(page, stage);
    typedPerStage.push(typed);
    if (stage > 1) expect(reused, `stage ${stage} reuses earlier materials`).toBeGreaterThan(0);
    await decideSignIssue(page, cases, { staff, clerk: CLERK });
    await page.reload();
    await expect(page.getByTestId('user-menu')).toContainText(CLERK.displayName);
  }
  const found = await rpc<{ code: string; stagesAccepted: number[] }[]>('acceptance.findProjects', { query: PROJECT_CODE });
  expect(found[0]).toMatchObject({ code: PROJECT_CODE, stagesAccepted: [1, 2, 3, 4] });
  // Later stages ask less: most of what they need is known by then.
  expect(typedPerStage[3]!).toBeLessThan(typedPerStage[0]!);
});
