import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { EsclSimulator } from '../../electron/devices/scanner';
import { fillEmptyFields, login, logout, rpcFor } from './helpers';
import { startHost, type RunningHost } from './host';

// An IT installer finds the network scanner (our eSCL simulator on loopback, a fixture device)
// in 工位设置, tests it and picks it; a clerk then scans a multi-page duplex material through it
// from the acceptance screen's capture dialog.
let host: RunningHost;
let sim: EsclSimulator;
const rpc = rpcFor(() => host);
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
mkdirSync(shots, { recursive: true });
const ADMIN = { username: 'admin', password: 'admin-pass-1', displayName: '王管理' };
const CLERK = { username: 'clerk1', password: 'clerk-pass-1', displayName: '李窗口' };

test.beforeAll(async () => {
  sim = await new EsclSimulator({ feederSheets: 2, imageDelayMs: 150, makeAndModel: 'OneWindow eSCL 培训扫描仪' }).start();
  // mDNS multicast does not reach a test container: the installer's extra address list does.
  host = await startHost({ ONEWINDOW_ESCL_ADDRESSES: sim.url });
  await rpc('session.setupAdmin', { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password });
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  await rpc('session.createUser', { username: CLERK.username, displayName: CLERK.displayName, password: CLERK.password, role: 'clerk' });
  await rpc('session.logout', {});
});
test.afterAll(async () => {
  await host?.stop();
  await sim?.stop();
});

test('IT picks the eSCL scanner in 工位设置; a clerk scans a duplex material through it', async ({ page }) => {
  // Two roles and a whole form on a shared 2-core machine: more than the default two minutes.
  test.setTimeout(600_000);
  await page.goto(host.launchUrl);

  await test.step('the installer finds, tests and picks the network scanner', async () => {
    await login(page, ADMIN);
    await page.getByRole('menuitem', { name: '工位设置' }).click();
    await page.getByTestId('find-devices').click();
    const row = page.getByTestId('device-finder').locator('tr', { hasText: sim.url });
    await expect(row).toContainText('eSCL 网络');
    await expect(row).toContainText('双面进纸');
    await row.getByTestId('test-escl').click();
    await expect(row.getByTestId('device-state')).toContainText('进纸器有纸');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'devices-1-finder.png') });
    await row.getByTestId('use-scanner-escl').click();
    await expect(page.getByLabel('设备名 / 地址')).toHaveValue(sim.url);
    await page.getByRole('button', { name: '保存配置' }).click();
    await expect(page.getByText('配置已保存')).toBeVisible();
    await logout(page);
  });

  await test.step('the clerk scans a two-sheet duplex material from the acceptance screen', async () => {
    await login(page, CLERK);
    await page.getByPlaceholder(/^项目代码/).fill('2026-330106-47-03-123456');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-project').click();
    await page.getByTestId('to-form').click();
    await fillEmptyFields(page);
    await page.getByTestId('to-materials').click();
    await page.getByRole('button', { name: '拍照/扫描' }).first().click();
    await page.getByRole('tab', { name: '扫描仪' }).click();
    await expect(page.getByText(`设备：${sim.url}`)).toBeVisible();
    await page.getByText('双面进纸').click();
    await page.getByTestId('scan-start').click();
    // The simulator encodes its pages in this (test) process with a JS JPEG encoder: slow on a loaded machine.
    await expect(page.getByTestId('scan-pages').locator('img')).toHaveCount(4, { timeout: 240_000 });
    await expect(page.getByTestId('capture-finish')).toContainText('完成（4 页）');
    await page.screenshot({ path: join(shots, 'devices-2-scanned.png') });
    await page.getByTestId('capture-finish').click();
    await expect(page.getByText('采集 4 页').first()).toBeVisible();
    await page.screenshot({ path: join(shots, 'devices-3-attached.png'), fullPage: true });
  });

  // The scanner saw one duplex job, and the stored material is one 4-page PDF.
  expect(sim.requests.filter((r) => r === 'POST /eSCL/ScanJobs')).toHaveLength(1);
  const blobs = readdirSync(join(host.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const counts = await Promise.all(
    blobs.map(async (b) =>
      (await PDFDocument.load(readFileSync(join(b.parentPath, b.name)), { ignoreEncryption: true }).catch(() => undefined))?.getPageCount(),
    ),
  );
  expect(counts).toContain(4);
  // The scanner sent grey JPEGs of text pages; the material keeps them bilevel (CCITT G4).
  const material = blobs[counts.indexOf(4)]!;
  const images = execFileSync('pdfimages', ['-list', join(material.parentPath, material.name)], { encoding: 'utf8' });
  expect(
    images
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/)[8]),
  ).toEqual(['ccitt', 'ccitt', 'ccitt', 'ccitt']);
});
