import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../../shared/api/capture';
import type { ScannerContext } from '../../../electron/capture/scanner-from-settings';
import { startLifecycleHost, type LifecycleHost } from '../lifecycle/fixtures';
import { updateSettings } from '../printing/helpers';
import { saneTestConfig, startNetworkScanner, type SaneTestConfig } from '../scanner/sane';

let t: LifecycleHost;
let sane: SaneTestConfig;
let progress: ScanProgress[] = [];
/** The workstation's scanner context: each test points SANE at its own configuration. */
const scanner: ScannerContext = {};

async function useSane(env: NodeJS.ProcessEnv, device: string, saneStallMs?: number): Promise<void> {
  t.ws.scans.stopAll();
  scanner.saneEnv = env;
  if (saneStallMs) scanner.saneStallMs = saneStallMs;
  else delete scanner.saneStallMs;
  await updateSettings(t, (c) => {
    c.devices.scanner = { driver: 'sane', device, resolution: 100, mode: 'Gray' };
  });
}

/** Waits for the scan's last event (done, failed or cancelled). */
async function ending(scanId: string): Promise<ScanProgress> {
  for (let i = 0; i < 600; i++) {
    const end = progress.find((p) => p.scanId === scanId && (p.kind === 'done' || p.kind === 'failed' || p.kind === 'cancelled'));
    if (end) return end;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('scan did not end');
}

async function pageCount(sha256: string): Promise<number> {
  return (await PDFDocument.load(t.ws.blobs.get(sha256))).getPageCount();
}

beforeAll(async () => {
  t = await startLifecycleHost(undefined, { workstation: { scanner } });
  sane = await saneTestConfig();
  t.ws.bus.subscribe((event, payload) => {
    if (event === 'capture.progress') progress.push(payload as ScanProgress);
  });
  await useSane(sane.env, 'test:0');
});
afterEach(() => {
  progress = [];
});
afterAll(async () => {
  await t?.close();
  await sane?.dispose();
});

describe('capture.scan through the SANE test backend', () => {
  it('lists the test scanner with the configured defaults', async () => {
    const v = await t.ok<{ driver: string; devices: { name: string }[]; defaults: { resolution: number } }>(
      'clerk',
      'capture.scanners',
      {},
    );
    expect(v.driver).toBe('sane');
    expect(v.devices.map((d) => d.name)).toContain('test:0');
    expect(v.defaults.resolution).toBe(100);
  });

  it('scans a feeder batch with a progress event and thumbnail per page, ending in one PDF blob', async () => {
    const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-APP',
      source: 'feeder',
      resolution: 75,
      mode: 'Gray',
      pages: 3,
    });
    const end = await ending(scanId);
    expect(end.kind).toBe('done');
    const pages = progress.filter((p) => p.scanId === scanId && p.kind === 'page');
    expect(pages.map((p) => (p.kind === 'page' ? p.page : 0))).toEqual([1, 2, 3]);
    // Thumbnails are made in the renderer from the page itself (no image tool in the core).
    const image = await t.ok<{ mime: string; dataBase64: string }>('clerk', 'capture.page', { scanId, page: 3 });
    expect(image.mime).toBe('image/jpeg');
    expect(Buffer.from(image.dataBase64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    if (end.kind !== 'done') return;
    expect(end.blob.pages).toBe(3);
    expect(await pageCount(end.blob.sha256)).toBe(3);
    const status = await t.ok<{ kind: string; state: string }[]>('clerk', 'devices.status', {});
    expect(status.find((d) => d.kind === 'scanner')?.state).toBe('ready');
  });

  it('continues a flatbed scan with the next sheet into the same PDF', async () => {
    const first = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-LAND',
      source: 'flatbed',
      resolution: 75,
      pages: 1,
    });
    expect((await ending(first.scanId)).kind).toBe('done');
    progress = [];
    const second = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-LAND',
      source: 'flatbed',
      resolution: 75,
      continueScanId: first.scanId,
    });
    expect(second.scanId).toBe(first.scanId);
    const end = await ending(first.scanId);
    expect(end.kind === 'done' && end.blob.pages).toBe(2);
    expect(progress.find((p) => p.kind === 'page')).toMatchObject({ page: 2 });
  });

  it('cancels a slow batch, keeps the finished pages and assembles them on finish', async () => {
    const slow = await saneTestConfig({ readDelayUs: 20_000 });
    try {
      await useSane(slow.env, 'test:0');
      const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
        materialCode: 'M-APP',
        source: 'feeder',
        resolution: 100,
        pages: 10,
      });
      for (let i = 0; i < 400 && !progress.some((p) => p.kind === 'page'); i++) await new Promise((r) => setTimeout(r, 25));
      await t.ok('clerk', 'capture.cancelScan', { scanId });
      const end = await ending(scanId);
      expect(end.kind).toBe('cancelled');
      const kept = end.kind === 'cancelled' ? end.kept : 0;
      expect(kept).toBeGreaterThanOrEqual(1);
      expect(kept).toBeLessThan(10);
      const blob = await t.ok<{ sha256: string; pages: number }>('clerk', 'capture.finish', { scanId });
      expect(blob.pages).toBe(kept);
      expect(await pageCount(blob.sha256)).toBe(kept);
    } finally {
      await useSane(sane.env, 'test:0');
      await slow.dispose();
    }
  });

  it('a scanner that vanishes mid-batch ends with a clear DEVICE error and keeps the pages already captured', async () => {
    const net = await startNetworkScanner(20_000);
    try {
      await useSane(net.clientEnv, net.device, 1500);
      const vanishOnFirstPage = t.ws.bus.subscribe((event, payload) => {
        if (event === 'capture.progress' && (payload as ScanProgress).kind === 'page') net.vanish();
      });
      const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
        materialCode: 'M-APP',
        source: 'feeder',
        resolution: 100,
        pages: 10,
      });
      const end = await ending(scanId);
      vanishOnFirstPage();
      expect(end.kind).toBe('failed');
      if (end.kind !== 'failed') return;
      expect(end.code).toBe('DEVICE');
      expect(end.message).toMatch(/已保留/);
      expect(end.kept).toBeGreaterThanOrEqual(1);
      const blob = await t.ok<{ pages: number }>('clerk', 'capture.finish', { scanId });
      expect(blob.pages).toBe(end.kept);
      const status = await t.ok<{ kind: string; state: string }[]>('clerk', 'devices.status', {});
      expect(status.find((d) => d.kind === 'scanner')?.state).toBe('error');
    } finally {
      await net.dispose();
      await useSane(sane.env, 'test:0');
    }
  });

  it('stores scanned text pages in the material PDF as bilevel G4, which poppler and MuPDF open', async () => {
    scanner.simulator = { feederPages: 2, pageDelayMs: 0 };
    await updateSettings(t, (c) => {
      c.devices.scanner = { driver: 'simulator', resolution: 200, mode: 'Gray' };
    });
    const dir = await mkdtemp(join(tmpdir(), 'ow-scanblob-'));
    try {
      const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
        materialCode: 'M-APP',
        source: 'feeder',
        resolution: 200,
        mode: 'Gray',
        pages: 2,
      });
      const end = await ending(scanId);
      expect(end.kind).toBe('done');
      if (end.kind !== 'done') return;
      const file = join(dir, 'material.pdf');
      await writeFile(file, t.ws.blobs.get(end.blob.sha256));
      const run = promisify(execFile);
      expect((await run('pdfinfo', [file])).stdout).toMatch(/Pages:\s+2[\s\S]*Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
      const images = (await run('pdfimages', ['-list', file])).stdout.trim().split('\n').slice(2);
      expect(images.map((l) => l.trim().split(/\s+/)[8])).toEqual(['ccitt', 'ccitt']);
      // Two A4 text pages at 200 dpi: a few KB each instead of a grey image per page.
      expect(end.blob.size).toBeLessThan(2 * 150 * 1024);
      await run('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'p1')]);
      const { stderr } = await run('mutool', ['draw', '-q', '-o', '/dev/null', file]);
      expect(stderr).not.toMatch(/error/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await useSane(sane.env, 'test:0');
    }
  });

  it('refuses to scan when no scanner is configured, saying what to do', async () => {
    await updateSettings(t, (c) => {
      c.devices.scanner = { driver: 'none', resolution: 200, mode: 'Gray' };
    });
    const body = await t.as('clerk', 'capture.scan', { materialCode: 'M-APP' });
    expect(body.error?.code).toBe('DEVICE_NOT_CONFIGURED');
    expect(body.error?.message).toMatch(/工作站设置/);
    await useSane(sane.env, 'test:0');
  });
});
