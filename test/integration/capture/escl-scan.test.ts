import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../../shared/api/capture';
import { EsclSimulator } from '../../../electron/devices/scanner';
import { startLifecycleHost, type LifecycleHost } from '../lifecycle/fixtures';
import { updateSettings } from '../printing/helpers';

// capture.scan through the workstation with the eSCL driver, against the loopback simulator.
let t: LifecycleHost;
let sim: EsclSimulator | undefined;
let progress: ScanProgress[] = [];

async function useSimulator(options: ConstructorParameters<typeof EsclSimulator>[0]): Promise<EsclSimulator> {
  await sim?.stop();
  sim = await new EsclSimulator(options).start();
  t.ws.scans.stopAll();
  const url = sim.url;
  await updateSettings(t, (c) => {
    c.devices.scanner = { driver: 'escl', device: url, resolution: 75, mode: 'Gray' };
  });
  return sim;
}

async function ending(scanId: string): Promise<ScanProgress> {
  for (let i = 0; i < 1200; i++) {
    const end = progress.find((p) => p.scanId === scanId && (p.kind === 'done' || p.kind === 'failed' || p.kind === 'cancelled'));
    if (end) return end;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('scan did not end');
}

beforeAll(async () => {
  t = await startLifecycleHost(undefined, { workstation: { scanner: { esclBrowse: false } } });
  t.ws.bus.subscribe((event, payload) => {
    if (event === 'capture.progress') progress.push(payload as ScanProgress);
  });
});
afterEach(() => {
  progress = [];
});
afterAll(async () => {
  await sim?.stop();
  await t?.close();
});

describe('capture.scan with the eSCL driver', () => {
  it('lists the configured network scanner', async () => {
    const s = await useSimulator({ feederSheets: 2 });
    const v = await t.ok<{ driver: string; devices: { name: string; model: string }[] }>('clerk', 'capture.scanners', {});
    expect(v.driver).toBe('escl');
    expect(v.devices.map((d) => d.name)).toEqual([s.url]);
  });

  it('a duplex feeder batch of 3 sheets becomes one 6-page PDF, pages announced in order', async () => {
    await useSimulator({ feederSheets: 3 });
    const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-APP',
      source: 'duplex',
      resolution: 75,
      mode: 'Gray',
      pages: 20,
    });
    const end = await ending(scanId);
    expect(end.kind).toBe('done');
    expect(progress.filter((p) => p.kind === 'page').map((p) => (p.kind === 'page' ? p.page : 0))).toEqual([1, 2, 3, 4, 5, 6]);
    if (end.kind !== 'done') return;
    expect(end.blob.pages).toBe(6);
    expect((await PDFDocument.load(t.ws.blobs.get(end.blob.sha256))).getPageCount()).toBe(6);
    const page = await t.ok<{ mime: string }>('clerk', 'capture.page', { scanId, page: 6 });
    expect(page.mime).toBe('image/jpeg');
  });

  it('a jam keeps the pages so far; the clerk keeps them as the material', async () => {
    await useSimulator({ feederSheets: 5, jamAfterImages: 2 });
    const { scanId } = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-LAND',
      source: 'feeder',
      resolution: 75,
      pages: 5,
    });
    const end = await ending(scanId);
    expect(end).toMatchObject({ kind: 'failed', code: 'DEVICE', kept: 2 });
    expect(end.kind === 'failed' && end.message).toContain('卡纸');
    const blob = await t.ok<{ pages: number; sha256: string }>('clerk', 'capture.finish', { scanId });
    expect(blob.pages).toBe(2);
    expect((await PDFDocument.load(t.ws.blobs.get(blob.sha256))).getPageCount()).toBe(2);
  });

  it('after the jam is cleared, continuing the scan adds the rest to the same material', async () => {
    const s = await useSimulator({ feederSheets: 4, jamAfterImages: 1 });
    const first = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-X',
      source: 'feeder',
      resolution: 75,
      pages: 4,
    });
    expect((await ending(first.scanId)).kind).toBe('failed');
    // The clerk takes out the jammed sheet and puts the remaining three back.
    s.loadFeeder(3);
    progress = [];
    const again = await t.ok<{ scanId: string }>('clerk', 'capture.scan', {
      materialCode: 'M-X',
      source: 'feeder',
      resolution: 75,
      pages: 3,
      continueScanId: first.scanId,
    });
    const end = await ending(again.scanId);
    expect(end.kind === 'done' && end.blob.pages).toBe(4);
  });
});
