import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { login, logout, placeTrainingCard, rpcFor } from './helpers';
import { startHost, type RunningHost } from './host';

// Across the year boundary on an injected clock, with no published 2027 arrangement: the clerk
// accepts on Monday 2026-12-28 and sees 暂估 on the 2027 due date; on 2027-01-05 the
// administrator pastes the State Council notice (a made-up 2027 text: the real one is not out
// yet), checks its calendar and imports it; the recomputed date and the notice of the move
// show on screen, and the clerk then sees the new date without 暂估.
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `year-boundary-${name}.png`), fullPage: true });
const pdf = join(shots, '..', 'year-boundary-sample.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const notice = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'calendar', 'notice-2027-fictional.txt'), 'utf8');

const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1' };
const ITEM = '建设用地规划许可证核发'; // 5 working days

const TYPED: Record<string, string> = {
  项目名称: '滨江科创园一期',
  建设地点: '杭州市滨江区江南大道1号',
  建设规模及内容: '办公楼两幢及地下车库',
  总投资: '52000',
  计划开工时间: '2027-03-01',
  计划竣工时间: '2028-12-31',
  用地面积: '20000',
  出让合同编号: '3301082026A001',
  建设单位名称: '杭州某某科创置业有限公司',
  建设单位统一社会信用代码: '91350100M000100Y43',
  法定代表人: '赵六',
  建设单位地址: '杭州市滨江区江南大道1号',
  项目联系人: '王五',
  项目联系人电话: '0571-87654321',
  经办人电话: '13812345678',
};
const SELECTS: Record<string, string> = { 'project.fundingSource': '自筹资金', 'land.use': '商业服务业用地' };

test.beforeAll(async () => {
  host = await startHost({ ONEWINDOW_CLOCK: '2026-12-28T09:00:00+08:00' });
  await rpc('session.setupAdmin', ADMIN);
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  const view = (await rpc('settings.get', {})) as Record<string, unknown> & { devices: { idcard: Record<string, unknown> } };
  await rpc('settings.update', {
    ...view,
    platform: {},
    devices: { ...view.devices, idcard: { ...view.devices.idcard, driver: 'simulator' } },
  });
  await rpc('session.createUser', { ...CLERK, role: 'clerk' });
  await rpc('session.logout', {});
});
test.afterAll(async () => {
  await host.stop();
});

function itemRow(page: Page) {
  return page.getByRole('row').filter({ hasText: ITEM });
}

test('a 2027 due date is 暂估 until the notice is imported, then moves and the clerk is told', async ({ page }) => {
  // A whole acceptance plus two more sign-ins: on a loaded 2-core machine that is minutes.
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1366, height: 860 });
  await page.goto(host.launchUrl);

  await test.step('2026-12-28: the clerk accepts stage 1 of a new project through the screens', async () => {
    await login(page, CLERK);
    await page.getByPlaceholder(/^项目代码/).fill('2026-330106-47-03-654321');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-project').click();
    await page.getByTestId('to-form').click();
    await placeTrainingCard(page, 'resident-standard');
    await expect(page.getByLabel('经办人姓名', { exact: true })).toHaveValue('王小明');
    for (const [label, value] of Object.entries(TYPED)) await page.getByLabel(label, { exact: true }).fill(value);
    for (const [key, option] of Object.entries(SELECTS)) {
      await page.getByTestId(`field-${key}`).locator('.ant-select').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
    }
    await page.getByTestId('to-materials').click();
    for (const code of ['business-licence', 'legal-rep-certificate', 'authorisation', 'agent-id', 'topographic-map', 'land-title']) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId(`upload-${code}`).click();
      await (await chooser).setFiles(pdf);
      await expect(page.getByTestId(`material-${code}`)).toContainText('year-boundary-sample.pdf');
    }
    await page.getByTestId('to-review').click();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('受理成功')).toBeVisible();
    await expect(page.getByTestId('accepted-cases')).toContainText('W1-2026-');
  });

  await test.step('the case list, the board and the case page mark the 2027 due date 暂估', async () => {
    await page.getByRole('menuitem', { name: '办件查询' }).click();
    // 5 working days after Mon 12-28: 29, 30, 31, [1-1 元旦], 1-04, 1-05.
    await expect(itemRow(page).getByTestId('due-date')).toHaveText('2027-01-05暂估');
    await expect(page.getByRole('row').filter({ hasText: '企业投资项目备案' }).getByTestId('due-estimated')).toHaveCount(0);
    await shot(page, '1-case-list');
    await page.getByRole('cell', { name: ITEM }).click();
    await expect(page.getByTestId('case-due')).toContainText('承诺办结 2027-01-05');
    await expect(page.getByTestId('case-due-estimated')).toHaveText('暂估');
    await shot(page, '2-case-page');
    await page.getByRole('menuitem', { name: '督办' }).click();
    await expect(itemRow(page).getByTestId('due-estimated')).toBeVisible();
    await logout(page);
  });

  await test.step('the administrator sees the banner: 2027 is not in yet', async () => {
    await login(page, ADMIN);
    await expect(page.getByTestId('calendar-banner')).toContainText('2027年放假安排尚未导入');
    await shot(page, '3-banner');
    await logout(page);
  });

  await test.step('2027-01-05: the administrator pastes the notice, checks its calendar, imports', async () => {
    await host.setClock('2027-01-05T09:00:00+08:00');
    await login(page, ADMIN);
    await expect(page.getByTestId('calendar-banner')).toContainText('2027年放假安排尚未导入');
    await page.getByTestId('calendar-banner').getByRole('button', { name: '导入通知' }).click();
    // A typo first: the parser names the line.
    await page.getByTestId('notice-text').fill(notice.replace('共4天', '共5天'));
    await page.getByTestId('notice-check').click();
    await expect(page.getByTestId('notice-problems')).toContainText('第3行（元旦）：写明共5天');
    await page.getByTestId('notice-text').fill(notice);
    await page.getByTestId('notice-check').click();
    await expect(page.getByTestId('notice-preview')).toContainText('元旦 01-01至01-04');
    await expect(page.getByTestId('year-calendar-2027').locator('[data-date="2027-01-04"]')).toHaveClass(/ow-day-off/);
    await expect(page.getByTestId('year-calendar-2027').locator('[data-date="2027-02-20"]')).toHaveClass(/ow-day-makeup/);
    await shot(page, '4-preview');
    await page.getByTestId('notice-import').click();
    const moved = page.getByTestId('calendar-change');
    await expect(moved).toContainText('导入了2027年放假安排');
    await expect(moved.getByRole('row').filter({ hasText: ITEM })).toContainText('2027-01-05');
    await expect(moved.getByRole('row').filter({ hasText: ITEM })).toContainText('2027-01-06');
    await shot(page, '5-moved-notice');
    await page.getByTestId('calendar-change-ok').click();
    await expect(page.getByTestId('import-result')).toContainText('1 件在办件的承诺办结日期已重新计算');
    await expect(page.getByTestId('calendar-banner')).toHaveCount(0);
    await logout(page);
  });

  await test.step('the clerk sees the recomputed date, no longer 暂估', async () => {
    await login(page, CLERK);
    await page.getByRole('menuitem', { name: '办件查询' }).click();
    await expect(itemRow(page).getByTestId('due-date')).toHaveText('2027-01-06');
    await page.getByRole('cell', { name: ITEM }).click();
    await expect(page.getByTestId('case-due')).toContainText('承诺办结 2027-01-06');
    await expect(page.getByTestId('case-due-estimated')).toHaveCount(0);
    await shot(page, '6-recomputed');
  });
});
