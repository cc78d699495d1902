import { expect, test } from '@playwright/test';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { login, rpcFor, setUpWorkstation } from './helpers';
import { startHost, type RunningHost } from './host';

// A disk going bad under a running workstation: the scheduled integrity check (every second
// here) finds the damage, stops writes, and the clerk's screen says what to do.
const root = join(import.meta.dirname, '..', '..');
const shots = join(root, 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const CLERK = { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk' } as const;

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ ONEWINDOW_INTEGRITY_INTERVAL_MS: '1000' });
  const rpc = rpcFor(() => host);
  await setUpWorkstation(rpc, [CLERK]);
});
test.afterAll(async () => {
  await host?.stop();
});

test('a store damaged while running: the clerk is told to stop and restore, calmly', async ({ page }) => {
  await page.goto(host.launchUrl);
  await login(page, CLERK);
  const file = join(host.dataDir, 'onewindow.db');
  // Move every page from the WAL into the main file first, so the damage is not masked by the WAL.
  const other = new Database(file);
  other.pragma('wal_checkpoint(TRUNCATE)');
  other.close();
  const pages = Math.floor(statSync(file).size / 4096);
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(4096 * 2), 0, 4096 * 2, Math.max(1, Math.floor(pages / 2)) * 4096);
  closeSync(fd);
  const notice = page.getByTestId('system-fault');
  await expect(notice).toContainText('已损坏', { timeout: 30_000 });
  await expect(notice).toContainText('onewindow restore');
  await page.screenshot({ path: join(shots, 'fault-notice.png') });
});
