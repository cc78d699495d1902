import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { login, rpcFor, setUpWorkstation } from './helpers';
import { startHost, type RunningHost } from './host';

// The core process (store, devices, PDF, signing) dies under the clerk: the screen says so
// calmly, the clerk logs in again, and the work goes on with the store the old core left.
const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' } as const;

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
  const rpc = rpcFor(() => host);
  await setUpWorkstation(rpc, [CLERK]);
});
test.afterAll(async () => {
  await host?.stop();
});

test('a crashed core: the clerk is told, logs in again and carries on', async ({ page }) => {
  await page.goto(host.launchUrl);
  await login(page, CLERK);
  expect(Number.isInteger(host.corePid)).toBe(true);
  process.kill(host.corePid, 'SIGKILL');

  const notice = page.getByTestId('system-fault');
  await expect(notice).toContainText('已自动重新启动', { timeout: 30_000 });
  await expect(notice).toContainText('已保存的受理和办件不受影响');
  // The session lived in the dead core: the login screen is back.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 30_000 });
  // …and the notice saying why stays on it.
  await expect(notice).toContainText('已自动重新启动');
  await page.screenshot({ path: join(shots, 'core-restarted.png') });
  await login(page, CLERK);
});
