import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from './host';

// One end-to-end story that grows with every capability: a clerk's day at the window.
let host: RunningHost;
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('a day at the window', async ({ page, browser }) => {
  await test.step('first run: the administrator is created', async () => {
    await page.goto(host.launchUrl);
    await expect(page.getByText('一窗通 · 首次使用')).toBeVisible();
    await page.screenshot({ path: join(shots, '01-first-run.png') });
    await page.getByLabel('管理员用户名').fill('admin');
    await page.getByLabel('姓名').fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
    await page.getByLabel('确认密码').fill('admin-pass-1');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect(page.getByTestId('user-menu')).toContainText('王管理');
  });

  await test.step('the administrator opens an account for a clerk', async () => {
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByPlaceholder('用户名').fill('clerk1');
    await page.getByPlaceholder('姓名').fill('李窗口');
    await page.getByPlaceholder('初始密码').fill('clerk-pass-1');
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.getByRole('cell', { name: 'clerk1' })).toBeVisible();
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
  });

  await test.step('the clerk logs in: training mode, devices not configured, no cases yet', async () => {
    await page.getByLabel('用户名').fill('clerk1');
    await page.getByLabel('密码').fill('clerk-pass-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('user-menu')).toContainText('李窗口');
    await expect(page.getByText('培训模式')).toBeVisible();
    await expect(page.getByTestId('device-idcard')).toHaveAttribute('data-state', 'not-configured');
    await expect(page.getByTestId('device-idcard')).toContainText('未配置');
    await expect(page.getByText('暂无办件')).toBeVisible();
    // A clerk has no settings or user management.
    await expect(page.getByRole('menuitem', { name: '工位设置' })).toHaveCount(0);
    await page.screenshot({ path: join(shots, '02-clerk-home.png') });
  });

  await test.step('the applicant display welcomes the applicant', async () => {
    const display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await display.goto(host.displayUrl);
    await expect(display.getByTestId('applicant-display')).toContainText('欢迎办理');
    await display.screenshot({ path: join(shots, '03-applicant-display.png') });
    await display.close();
  });

  await test.step('the clerk steps away: Ctrl+L locks, the password unlocks', async () => {
    await page.keyboard.press('Control+l');
    await expect(page.getByText('工作站已锁定')).toBeVisible();
    await page.getByPlaceholder('密码').fill('clerk-pass-1');
    await page.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByText('工作站已锁定')).toBeHidden();
  });
});
