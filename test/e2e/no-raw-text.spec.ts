import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { login, logout, rpcFor } from './helpers';
import { startHost, type RunningHost } from './host';

// Walks the main screens as an administrator and as a clerk and fails on anything a user reads
// that is not for a user: English error text, raw field paths (window.phone, elicenceId), device
// ids (simulated:0), impossible counts (1/0 页), JavaScript leftovers.
let host: RunningHost;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });

const RAW = [
  /\b(?:Error|TypeError|Failed to fetch|Requested device not found|undefined|NaN|null|\[object Object\])\b/,
  /\b(?:window|agent|builder|project|land|design|planning|construction|completion|designer|contractor|supervisor)\.[a-z][A-Za-z]+\b/,
  /\belicenceId\b|\bcaseId\b|\bitemCode\b/,
  /\bsimulated:\d+\b/,
  /\d+\s*\/\s*0\s*页/,
];

async function expectNoRawText(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const re of RAW) expect(text.match(re)?.[0], `${where}: raw text on screen`).toBeUndefined();
}

test.beforeAll(async () => {
  host = await startHost();
  await rpc('session.setupAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  await rpc('session.login', { username: 'admin', password: 'admin-pass-1' });
  const view = (await rpc('settings.get', {})) as Record<string, unknown> & { devices: Record<string, Record<string, unknown>> };
  await rpc('settings.update', {
    ...view,
    platform: {},
    devices: {
      ...view.devices,
      idcard: { ...view.devices.idcard, driver: 'simulator' },
      scanner: { ...view.devices.scanner, driver: 'simulator' },
      camera: { driver: 'simulator' },
    },
  });
  await rpc('session.createUser', { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' });
  await rpc('session.logout', {});
});
test.afterAll(async () => host.stop());

test('no English, raw ids or field paths on the main screens', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(host.launchUrl);
  await login(page, { username: 'admin', password: 'admin-pass-1', displayName: '王管理' });
  for (const name of ['办件查询', '平台同步', '用户管理', '工位设置']) {
    await page.getByRole('menuitem', { name }).click();
    await expect(page.getByRole('menuitem', { name })).toHaveClass(/selected/);
    await expectNoRawText(page, name);
  }
  // A refused setting says what is wrong in Chinese, without the field's path (window.phone).
  await page.getByLabel('咨询电话（印在文书上）').fill('电话12');
  await page.getByRole('button', { name: '保存配置' }).click();
  await expect(page.getByText(/输入有误/).first()).toBeVisible();
  await expectNoRawText(page, '工位设置（有错误）');
  await page.screenshot({ path: join(shots, 'raw-00-settings-error.png') });
  await logout(page);

  await login(page, { username: 'clerk1', password: 'clerk-pass-1', displayName: '李窗口' });
  await expectNoRawText(page, '受理首页');
  await page.getByRole('button', { name: '新项目' }).click();
  await page.getByTestId('to-form').click();
  // Wrong input everywhere it can be wrong: the messages name the field in Chinese.
  await page.getByTestId('field-agent.phone').locator('input').fill('123');
  await page.getByTestId('field-builder.uscc').locator('input').fill('91350100M000100Y4');
  await page.getByTestId('to-materials').click();
  await expect(page.locator('.ow-field-error').first()).toBeVisible();
  await expectNoRawText(page, '申请表（有错误）');
  await page.screenshot({ path: join(shots, 'raw-01-form-errors.png') });
  // The camera tab in training mode: a synthetic page, no webcam, no English.
  await page.getByTestId('device-idcard').click();
  await expect(page.getByTestId('training-cards')).toBeVisible();
  await expectNoRawText(page, '培训卡');
  await page.keyboard.press('Escape');
  await page.getByRole('menuitem', { name: '办件查询' }).click();
  await expectNoRawText(page, '办件查询（窗口）');
});
