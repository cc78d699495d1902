import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesToPdf, SaneScanner, ScanInterruptedError, SimulatedScanner } from '../../../electron/devices/scanner';
import { saneTestConfig, startNetworkScanner, type SaneTestConfig } from './sane';

const run = promisify(execFile);

function jpegSize(bytes: Uint8Array): { width: number; height: number; components: number } {
  for (let i = 2; i < bytes.length;) {
    const marker = bytes[i + 1]!;
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]!, components: bytes[i + 9]! };
    }
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}

let sane: SaneTestConfig;
beforeAll(async () => {
  sane = await saneTestConfig();
});
afterAll(async () => {
  await sane.dispose();
});

describe('SANE scanner against the test backend', () => {
  it('lists the test devices', async () => {
    const devices = await new SaneScanner({ env: sane.env }).list();
    expect(devices.map((d) => d.name)).toEqual(['test:0', 'test:1']);
    expect(devices[0]).toMatchObject({ vendor: 'Noname', model: 'frontend-tester' });
  });

  it('scans one flatbed A4 page as a grey JPEG and makes an A4 PDF of it', async () => {
    const batch = await new SaneScanner({ env: sane.env }).scan({ device: 'test:0', resolution: 150, mode: 'Gray', source: 'Flatbed' });
    expect(batch.pages).toHaveLength(1);
    const page = batch.pages[0]!;
    expect(page.format).toBe('jpeg');
    // 210 x 297 mm at 150 dpi, one colour component (grey).
    const size = jpegSize(page.bytes);
    expect(size.components).toBe(1);
    // SANE rounds the area to whole pixels its own way: allow one pixel.
    expect(Math.abs(size.width - 1240)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - 1754)).toBeLessThanOrEqual(1);
    const pdf = await pagesToPdf(batch.pages, { title: '营业执照' });
    const dir = await mkdtemp(join(tmpdir(), 'ow-scanpdf-'));
    try {
      await writeFile(join(dir, 's.pdf'), pdf);
      const { stdout } = await run('pdfinfo', [join(dir, 's.pdf')]);
      expect(stdout).toMatch(/Pages:\s+1/);
      expect(stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const { stderr } = await run('mutool', ['draw', '-q', '-o', '/dev/null', join(dir, 's.pdf')]);
      expect(stderr).not.toMatch(/error/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes a feeder batch of the requested size, in order', async () => {
    const seen: number[] = [];
    const batch = await new SaneScanner({ env: sane.env }).scan(
      { device: 'test:0', resolution: 75, mode: 'Color', source: 'Automatic Document Feeder', pages: 3 },
      { onPage: (p) => seen.push(p.index) },
    );
    expect(batch.pages.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    expect(jpegSize(batch.pages[0]!.bytes).components).toBe(3);
  });

  it('empties the feeder (the test feeder holds 10 sheets) and reports it as a normal end', async () => {
    const batch = await new SaneScanner({ env: sane.env }).scan({
      device: 'test:0',
      resolution: 50,
      mode: 'Gray',
      source: 'Automatic Document Feeder',
    });
    expect(batch.pages).toHaveLength(10);
    expect(batch.feederEmpty).toBe(true);
    const more = await new SaneScanner({ env: sane.env }).scan({
      device: 'test:0',
      resolution: 50,
      mode: 'Gray',
      source: 'Automatic Document Feeder',
      pages: 12,
    });
    expect(more.pages).toHaveLength(10);
    expect(more.feederEmpty).toBe(true);
  });

  it('cancels a slow batch and keeps the pages already finished', async () => {
    const slow = await saneTestConfig({ readDelayUs: 20_000 });
    try {
      const abort = new AbortController();
      const batch = await new SaneScanner({ env: slow.env }).scan(
        { device: 'test:0', resolution: 100, mode: 'Gray', source: 'Automatic Document Feeder', pages: 10 },
        { signal: abort.signal, onPage: (p) => p.index === 1 && abort.abort() },
      );
      expect(batch.cancelled).toBe(true);
      expect(batch.pages.length).toBeGreaterThanOrEqual(1);
      expect(batch.pages.length).toBeLessThan(10);
      expect(Math.abs(jpegSize(batch.pages[0]!.bytes).width - 827)).toBeLessThanOrEqual(1);
    } finally {
      await slow.dispose();
    }
  });

  it('treats a scanner that stops delivering data as lost, keeping finished pages', async () => {
    // 0.2 s between buffers against a 0.1 s stall bound: the watchdog must fire.
    const stuck = await saneTestConfig({ readDelayUs: 200_000 });
    try {
      const err = await new SaneScanner({ env: stuck.env, stallMs: 100 })
        .scan({ device: 'test:0', resolution: 50, mode: 'Gray', source: 'Flatbed' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScanInterruptedError);
      expect((err as ScanInterruptedError).message).toContain('无响应');
      expect((err as ScanInterruptedError).pages).toEqual([]);
    } finally {
      await stuck.dispose();
    }
  });

  it('names an unknown device clearly', async () => {
    const err = await new SaneScanner({ env: sane.env }).scan({ device: 'test:9', resolution: 50, mode: 'Gray' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DEVICE' });
    expect((err as Error).message).toContain('无法打开扫描仪');
  });

  it('a network scanner that vanishes mid-batch gives a DEVICE error carrying the captured pages', async () => {
    const net = await startNetworkScanner(20_000);
    try {
      const scanner = new SaneScanner({ env: net.clientEnv, stallMs: 1500 });
      const err = await scanner
        .scan(
          { device: net.device, resolution: 100, mode: 'Gray', source: 'Automatic Document Feeder', pages: 10 },
          { onPage: (p) => p.index === 1 && net.vanish() },
        )
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScanInterruptedError);
      const interrupted = err as ScanInterruptedError;
      expect(interrupted.code).toBe('DEVICE');
      expect(interrupted.message).toContain('已扫描的');
      expect(interrupted.pages.length).toBeGreaterThanOrEqual(1);
      expect(interrupted.pages.length).toBeLessThan(10);
    } finally {
      await net.dispose();
    }
  });
});

describe('simulated scanner (training)', () => {
  it('feeds pages that assemble into a PDF, and models a disconnect', async () => {
    const batch = await new SimulatedScanner({ feederPages: 4 }).scan({
      resolution: 100,
      mode: 'Gray',
      source: 'Automatic Document Feeder',
    });
    expect(batch.pages).toHaveLength(4);
    expect(new TextDecoder().decode((await pagesToPdf(batch.pages)).subarray(0, 5))).toBe('%PDF-');
    const err = await new SimulatedScanner({ vanishAfterPages: 2 })
      .scan({ resolution: 50, mode: 'Gray', source: 'Automatic Document Feeder', pages: 5 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanInterruptedError);
    expect((err as ScanInterruptedError).pages).toHaveLength(2);
  });
});
