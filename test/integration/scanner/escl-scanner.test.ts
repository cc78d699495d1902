import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import {
  EsclScanner,
  EsclSimulator,
  pagesToPdf,
  ScanInterruptedError,
  startEsclResponder,
  type ScannedPage,
} from '../../../electron/devices/scanner';

// eSCL against our own simulator over real HTTP on loopback.
let sims: EsclSimulator[] = [];
afterEach(async () => {
  for (const s of sims) await s.stop();
  sims = [];
});

async function simulator(options: ConstructorParameters<typeof EsclSimulator>[0] = {}): Promise<EsclSimulator> {
  const s = await new EsclSimulator(options).start();
  sims.push(s);
  return s;
}

/** The simulator marks page n with n black squares in the top-right corner: read them back. */
function pageNumberOf(page: ScannedPage): number {
  const img = jpeg.decode(page.bytes, { useTArray: true });
  const s = Math.round(page.dpi * 0.15);
  let n = 0;
  for (let k = 0; k < 10; k++) {
    const x = img.width - (k + 2) * 2 * s + Math.floor(s / 2);
    const y = Math.floor(1.5 * s);
    if (img.data[(y * img.width + x) * 4]! < 100) n++;
    else break;
  }
  return n;
}

const scanner = (url: string) => new EsclScanner({ url, browse: false, retryMs: 10 });

describe('eSCL scanner against the loopback simulator', () => {
  it('reads the capabilities: platen and a duplex feeder, grey and colour, JPEG', async () => {
    const sim = await simulator();
    const caps = await scanner(sim.url).capabilities(sim.url);
    expect(caps.makeAndModel).toContain('OneWindow');
    expect(caps.platen?.resolutions).toContain(300);
    expect(caps.adf?.duplex).toBe(true);
    expect(caps.adf?.colorModes).toEqual(['BlackAndWhite1', 'Grayscale8', 'RGB24']);
    expect(caps.platen?.formats).toContain('image/jpeg');
  });

  it('finds the simulator through an mDNS _uscan._tcp answer and lists it with its model', async () => {
    const sim = await simulator();
    const responder = await startEsclResponder({
      port: 0,
      instance: '培训扫描仪',
      httpPort: sim.listeningPort,
      model: 'OneWindow eSCL',
      uuid: sim.uuid,
    });
    try {
      const list = await new EsclScanner({ browse: { address: '127.0.0.1', port: responder.port, timeoutMs: 400 } }).list();
      expect(list.map((d) => d.name)).toEqual([sim.url]);
      expect(list[0]!.type).toContain('双面进纸');
    } finally {
      responder.close();
    }
  });

  it('scans a multi-page duplex feeder job page by page, in order, into one PDF', async () => {
    const sim = await simulator({ feederSheets: 3 });
    const progress: number[] = [];
    const batch = await scanner(sim.url).scan(
      { resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder', duplex: true },
      { onPage: (p) => progress.push(p.index) },
    );
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batch.feederEmpty).toBe(true);
    expect(batch.pages.map(pageNumberOf)).toEqual([1, 2, 3, 4, 5, 6]);
    const pdf = await PDFDocument.load(await pagesToPdf(batch.pages));
    expect(pdf.getPageCount()).toBe(6);
    // A4 at 75 dpi keeps its size in points.
    expect(Math.round(pdf.getPage(0).getWidth())).toBe(595);
    // One job, then NextDocument until the device says there are no more (404).
    expect(sim.requests.filter((r) => r === 'POST /eSCL/ScanJobs')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.endsWith('/NextDocument'))).toHaveLength(7);
  });

  it('stops the feeder with DELETE once the requested page count is reached', async () => {
    const sim = await simulator({ feederSheets: 8 });
    const batch = await scanner(sim.url).scan({ resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder', pages: 2 });
    expect(batch.pages).toHaveLength(2);
    expect(batch.feederEmpty).toBe(false);
    expect(sim.requests.some((r) => r.startsWith('DELETE /eSCL/ScanJobs/'))).toBe(true);
  });

  it('a jam mid-job keeps the pages scanned so far and says to clear the jam', async () => {
    const sim = await simulator({ feederSheets: 5, jamAfterImages: 3 });
    const err = await scanner(sim.url)
      .scan({ resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanInterruptedError);
    const e = err as ScanInterruptedError;
    expect(e.pages.map(pageNumberOf)).toEqual([1, 2, 3]);
    expect(e.message).toContain('卡纸');
    expect(e.message).toContain('已扫描的3页已保留');
  });

  it('a scanner that vanishes mid-job keeps the pages scanned so far', async () => {
    const sim = await simulator({ feederSheets: 5, vanishAfterImages: 2 });
    const err = await scanner(sim.url)
      .scan({ resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanInterruptedError);
    expect((err as ScanInterruptedError).pages).toHaveLength(2);
    expect((err as ScanInterruptedError).message).toContain('无响应');
  });

  it('malformed capabilities XML becomes a clear DEVICE error, not a crash', async () => {
    const sim = await simulator({ malformed: 'capabilities' });
    const err = await scanner(sim.url)
      .scan({ resolution: 75, mode: 'Gray' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DEVICE');
    expect((err as AppError).message).toContain('无法识别');
  });

  it('an empty feeder is refused with what to do', async () => {
    const sim = await simulator({ feederSheets: 0 });
    const err = await scanner(sim.url)
      .scan({ resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder' })
      .catch((e: unknown) => e);
    expect((err as AppError).message).toBe('进纸器中没有文件，请将文件放入进纸器后重新扫描');
  });

  it('cancel deletes the job and returns the pages so far', async () => {
    const sim = await simulator({ feederSheets: 20, imageDelayMs: 20 });
    const abort = new AbortController();
    const batch = await scanner(sim.url).scan(
      { resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder' },
      { signal: abort.signal, onPage: (p) => p.index === 2 && abort.abort() },
    );
    expect(batch.cancelled).toBe(true);
    expect(batch.pages).toHaveLength(2);
    expect(sim.requests.some((r) => r.startsWith('DELETE /eSCL/ScanJobs/'))).toBe(true);
  });

  it('a flatbed scan gives one page', async () => {
    const sim = await simulator();
    const batch = await scanner(sim.url).scan({ resolution: 100, mode: 'Color', source: 'Flatbed' });
    expect(batch.pages).toHaveLength(1);
    expect(batch.pages[0]!.dpi).toBe(100);
  });

  it('an address where no scanner answers is a DEVICE error naming the address', async () => {
    const sim = await simulator();
    const url = sim.url;
    await sim.stop();
    const err = await scanner(url)
      .scan({ resolution: 75, mode: 'Gray' })
      .catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DEVICE');
    expect((err as AppError).message).toContain(url);
  });
});
