import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { PDFDocument } from 'pdf-lib';
import { build } from 'vite';
import { squareOnPage, writeCameraFeed } from '../fixtures/camera/y4m';
import { startHost, type RunningHost } from './host';

// The document camera through Chromium's fake capture device, fed from a Y4M file with a known
// picture: a white page on a dark desk with a black square in the page's upper left.
const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'ow-camera-'));
const feed = join(work, 'page.y4m');
writeCameraFeed(feed);
const shots = join(root, 'test-results', 'screens');
mkdirSync(shots, { recursive: true });

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${feed}`,
    ],
  },
});

let host: RunningHost;
interface Harness {
  captured?: { sha256: string; size: number; mime: string; pages: number };
}

test.beforeAll(async () => {
  // The built renderer plus the dialog's own page, served by the real browser host.
  const staticDir = join(work, 'static');
  cpSync(join(root, 'dist', 'renderer'), staticDir, { recursive: true });
  await build({
    root: join(root, 'test', 'fixtures', 'camera', 'harness'),
    base: '/capture-harness/',
    plugins: [react()],
    logLevel: 'warn',
    configFile: false,
    build: { outDir: join(staticDir, 'capture-harness'), emptyOutDir: true, target: 'chrome120', chunkSizeWarningLimit: 8192 },
  });
  host = await startHost({ ONEWINDOW_STATIC_DIR: staticDir });
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Grey levels of a PDF page rendered by mutool, as a PGM. */
function renderGray(pdf: string): { w: number; h: number; px: Buffer } {
  const out = join(work, 'page.pgm');
  execFileSync('mutool', ['draw', '-q', '-r', '40', '-c', 'gray', '-o', out, pdf, '1']);
  const data = readFileSync(out);
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  return { w: Number(m[1]), h: Number(m[2]), px: data.subarray(m[0].length) };
}

test('the document camera captures a page, crops it to the page edges and assembles one PDF', async ({ page }) => {
  await page.goto(host.launchUrl);
  const setup = await page.evaluate(async () => {
    const r = await fetch('/rpc/session.setupAdmin', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', displayName: '王管理', password: 'admin-pass-1' }),
    });
    const login = await fetch('/rpc/session.login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }),
    });
    return { ok: ((await r.json()) as { ok: boolean }).ok && ((await login.json()) as { ok: boolean }).ok };
  });
  expect(setup.ok).toBe(true);

  await page.goto(`${host.baseUrl}/capture-harness/index.html`);
  await expect(page.getByText('采集材料：建设工程规划许可申请表')).toBeVisible();
  await expect(page.getByTestId('camera-capture')).toBeEnabled();
  await expect(page.getByTestId('camera-select')).toContainText('page.y4m');
  await page.screenshot({ path: join(shots, 'capture-01-preview.png') });

  await page.keyboard.press('Space');
  await expect(page.getByTestId('camera-pages').locator('img')).toHaveCount(1);
  await expect(page.getByText('（已自动裁边）')).toBeVisible();
  await page.screenshot({ path: join(shots, 'capture-02-captured.png') });

  // A second page, then put it first and turn it: the strip shows the order.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('camera-pages').locator('img')).toHaveCount(2);
  await page.getByRole('button', { name: '← 前移' }).click();
  await page.getByRole('button', { name: '旋转90°' }).click();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('camera-pages').locator('img')).toHaveCount(1);

  await page.keyboard.press('Enter');
  // The harness page puts what onCaptured received on window.captured.
  await page.waitForFunction(() => (window as unknown as Harness).captured !== undefined);
  const captured = await page.evaluate(() => (window as unknown as Harness).captured!);
  expect(captured.mime).toBe('application/pdf');
  expect(captured.pages).toBe(1);

  const pdfFile = join(host.dataDir, 'blobs', captured.sha256.slice(0, 2), captured.sha256);
  const doc = await PDFDocument.load(readFileSync(pdfFile));
  const { width, height } = doc.getPage(0).getSize();
  // Cropped to the 320 x 400 page, not the 640 x 480 frame.
  expect(width / height).toBeGreaterThan(0.74);
  expect(width / height).toBeLessThan(0.86);

  const img = renderGray(pdfFile);
  const at = (fx: number, fy: number) => img.px[Math.floor(fy * img.h) * img.w + Math.floor(fx * img.w)]!;
  const sq = squareOnPage();
  expect(at((sq.x0 + sq.x1) / 2, (sq.y0 + sq.y1) / 2)).toBeLessThan(60);
  expect(at(0.75, 0.75)).toBeGreaterThan(190);
  expect(at(0.75, (sq.y0 + sq.y1) / 2)).toBeGreaterThan(190);
  expect(at((sq.x0 + sq.x1) / 2, 0.75)).toBeGreaterThan(190);
});
