import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptStage, login, logout, makeSigningKeys, rpcFor, scan, supplyOutstanding, type AcceptedCase } from './helpers';
import { startHost, type RunningHost } from './host';

// The case after acceptance, through the UI: barcode wedge, 一次性告知补正, supplement, the
// department decision, on-site leader signing, issuance, 好差评 on the applicant display, the
// supervision board and the statistics. The clerk accepts the cases on the acceptance screen first;
// only the accounts and the training reader are set up through the contract.
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `casework-${name}.png`) });
const pdf = join(shots, '..', 'casework-supplement.pdf');
const ZRZY = '市自然资源和规划局';
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const USERS = {
  clerk: { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null },
  reviewer: { username: 'review1', displayName: '赵审核', password: 'review-pass-1', role: 'reviewer', department: ZRZY },
  leader: { username: 'leader1', displayName: '钱局长', password: 'leader-pass-1', role: 'leader', department: ZRZY },
} as const;

/** The 自然资源 case the story follows, and the other case of the same visit. */
let permit: AcceptedCase;
let plan: AcceptedCase;

test.beforeAll(async () => {
  host = await startHost();
  await rpc('session.setupAdmin', ADMIN);
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  for (const u of Object.values(USERS)) await rpc('session.createUser', u);
  const view = await rpc<Record<string, unknown> & { devices: Record<string, Record<string, unknown>> }>('settings.get', {});
  await rpc('settings.update', {
    ...view,
    platform: {},
    devices: { ...view.devices, idcard: { ...view.devices.idcard, driver: 'simulator', pollIntervalMs: 200 } },
  });
  await rpc('session.logout', {});
});
test.afterAll(async () => {
  await host.stop();
});

test('a case from acceptance to issuance and rating', async ({ page, browser }) => {
  await page.goto(host.launchUrl);

  await test.step('the clerk accepts stage 1 of a project on the acceptance screen', async () => {
    await login(page, USERS.clerk);
    const { cases } = await acceptStage(page, 1, { file: pdf, card: 'resident-standard' });
    expect(cases).toHaveLength(2);
    permit = cases.find((c) => c.department === ZRZY)!;
    plan = cases.find((c) => c.department !== ZRZY)!;
    expect(permit).toBeDefined();
    expect(plan).toBeDefined();
    await logout(page);
  });

  await test.step('the administrator provisions the leader’s signing key with the leader typing the password', async () => {
    await login(page, ADMIN);
    await makeSigningKeys(page, [USERS.leader]);
    await expect(page.getByTestId('key-made')).toContainText('公钥指纹');
    await expect(page.getByRole('cell', { name: 'leader1' })).toBeVisible();
    await shot(page, '01-leader-keys');
    await logout(page);
  });

  await test.step('the clerk scans a case number while the search box has focus: the case opens, the box stays clean', async () => {
    await login(page, USERS.clerk);
    await page.getByRole('menuitem', { name: '办件查询' }).click();
    await page.getByTestId('case-search').locator('input').click();
    await scan(page, permit.caseNumber, { fromField: true });
    await expect(page.getByTestId('case-status')).toHaveText('已受理');
    await expect(page.getByTestId('applicant-id')).toHaveText(/\*{4}/);
    await shot(page, '02-case-page');
    // An unknown number is reported, the page stays.
    await page.keyboard.type('ZZ9-2026-999999', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByText('没有办件编号为 ZZ9-2026-999999 的办件')).toBeVisible();
    await expect(page.getByTestId('case-number')).toHaveText(permit.caseNumber);
    await page.getByRole('button', { name: '← 返回' }).click();
    await expect(page.getByTestId('case-search').locator('input')).toHaveValue('');
  });

  await test.step('一次性告知: two materials at once; the clock pauses', async () => {
    await page.getByRole('row', { name: new RegExp(permit.caseNumber) }).click();
    await page.getByRole('button', { name: '一次性告知补正' }).click();
    const dialog = page.getByTestId('dialog-correction');
    await dialog.getByLabel('材料1').fill('施工合同');
    await dialog.getByLabel('问题1').fill('缺少建设单位盖章');
    await dialog.getByRole('button', { name: '+ 再添加一项材料' }).click();
    await dialog.getByLabel('材料2').fill('施工图设计文件审查合格书');
    await dialog.getByLabel('问题2').fill('未提交');
    await shot(page, '03-correction-dialog');
    await dialog.getByLabel('问题2').press('Enter');
    await expect(page.getByTestId('case-status')).toHaveText('补正中');
    await expect(page.getByTestId('correction-notice')).toContainText('尚缺 2 项');
    await expect(page.getByTestId('case-level')).toHaveAttribute('data-level', 'paused');
    // The paper the action produces opens at once, previewed in the app (no printer at this window).
    const notice = page.getByRole('dialog', { name: /一次性告知书/ });
    await expect(notice).toBeVisible();
    await notice.getByTestId('document-close').click();
    await expect(notice).toBeHidden();
    await shot(page, '04-correction-open');
  });

  await test.step('the applicant brings both: the clock runs again', async () => {
    await page.getByRole('button', { name: '补齐材料' }).click();
    // Collected like at acceptance (a file here); each supplied material is listed once on the case.
    const supplied = await supplyOutstanding(page, pdf, () => shot(page, '04b-supplement'));
    expect(supplied.length).toBeGreaterThan(0);
    await expect(page.getByTestId('case-status')).toHaveText('已受理');
    await expect(page.getByTestId('correction-notice')).toContainText('已于');
  });

  await test.step('the supervision board lists the open cases with their level; a row opens the case', async () => {
    await page.getByRole('menuitem', { name: '督办' }).click();
    const row = page.getByRole('row', { name: new RegExp(permit.caseNumber) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(/正常|黄灯|红灯/);
    await expect(page.getByRole('row', { name: new RegExp(plan.caseNumber) })).toBeVisible();
    await shot(page, '05-supervision');
    await row.click();
    await expect(page.getByTestId('case-number')).toHaveText(permit.caseNumber);
    await logout(page);
  });

  await test.step('the reviewer decides', async () => {
    await login(page, USERS.reviewer);
    await scan(page, permit.caseNumber);
    await page.getByRole('button', { name: '部门决定' }).click();
    await page
      .getByTestId('dialog-decide')
      .getByRole('button', { name: /作出决定/ })
      .click();
    await expect(page.getByTestId('case-status')).toHaveText('已决定');
    await logout(page);
  });

  await test.step('the leader signs at the clerk’s window through the step-up dialog', async () => {
    await login(page, USERS.clerk);
    await scan(page, permit.caseNumber);
    // The clerk cannot issue an unsigned decision: no such button.
    await expect(page.getByTestId('case-actions').getByRole('button', { name: '出件' })).toHaveCount(0);
    await page.getByTestId('leader-sign').click();
    const modal = page.getByTestId('signing-modal');
    await modal.getByLabel('领导用户名').fill(USERS.leader.username);
    await modal.getByLabel('领导密码').fill('wrong-password');
    await modal.getByLabel('领导密码').press('Enter');
    await expect(modal.getByTestId('step-up-error')).toContainText('密码不正确');
    await modal.getByLabel('领导密码').fill(USERS.leader.password);
    await modal.getByLabel('领导密码').press('Enter');
    await expect(modal).toContainText('钱局长');
    await expect(modal.getByTestId('sign-now')).toBeDisabled();
    const pad = modal.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 40 + i * 25, box.y + 100 - Math.sin(i / 2) * 40);
    await page.mouse.up();
    await modal.getByTestId('seen-0').check();
    await shot(page, '06-leader-signing');
    await modal.getByTestId('sign-now').click();
    await expect(modal.getByTestId('signing-done')).toContainText(/SM2\/SM3 [0-9a-f]{16} 钱局长/);
    await modal.getByRole('button', { name: '完成' }).click();
    await expect(page.getByTestId('case-status')).toHaveText('已签发');
    await page.getByTestId('verify-signature').click();
    await expect(page.getByTestId('verify-result')).toContainText('签名有效');
  });

  await test.step('the clerk issues and invites the applicant to rate on the display', async () => {
    await page.getByTestId('case-actions').getByRole('button', { name: '出件' }).click();
    await page
      .getByTestId('dialog-issue')
      .getByRole('button', { name: /确认出件/ })
      .click();
    await expect(page.getByTestId('case-status')).toHaveText('已出件');
    // 出件 previews the decision at once; this window has no printer, so the clerk closes it.
    const decision = page.getByRole('dialog', { name: /准予行政许可决定书/ });
    await expect(decision).toBeVisible();
    await decision.getByTestId('document-close').click();
    await expect(decision).toBeHidden();
    const display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await display.goto(host.displayUrl);
    await page.getByRole('button', { name: '邀请评价' }).click();
    await expect(page.getByTestId('rating-status')).toHaveText('待评价');
    await shot(page, '07-issued');

    await expect(display.getByTestId('rating-panel')).toBeVisible();
    await display.getByRole('button', { name: /满意/ }).first().click();
    await expect(display.getByTestId('indicator-attitude')).toBeVisible();
    await display.screenshot({ path: join(shots, 'casework-08-rating-display.png') });
    await display.getByRole('button', { name: '提交评价' }).click();
    await expect(display.getByTestId('rating-thanks')).toBeVisible();
    // The clerk learns only that the applicant rated, never the choice.
    await expect(page.getByTestId('rating-status')).toHaveText('已评价');
    await expect(page.getByTestId('rating-invite')).not.toContainText('非常满意');
    await display.close();
    await logout(page);
  });

  await test.step('the statistics count the case', async () => {
    await login(page, USERS.leader);
    await page.getByRole('menuitem', { name: '统计' }).click();
    await expect(page.getByTestId('stats-total-accepted')).toHaveText('2');
    await expect(page.getByTestId('stats-total-completed')).toHaveText('1');
    await expect(page.getByTestId('stats-total-ratings')).toHaveText('1');
    await expect(page.getByRole('row', { name: new RegExp(permit.department) })).toBeVisible();
    await expect(page.getByTestId('chart-daily')).toBeVisible();
    await shot(page, '09-stats');
    const download = page.waitForEvent('download');
    await page.getByTestId('stats-export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
