/**
 * eSCL scanning throughput: pages per minute through EsclScanner (HTTP + XML, NextDocument per
 * page) against the loopback simulator paced at a known rate, next to that paced rate. The
 * difference is the driver's own cost per page (request, transfer, page hand-off). A warm-up job
 * fills the simulator's image cache so its JPEG encoding is not counted.
 */
import { EsclScanner, EsclSimulator, pagesToPdf } from '../electron/devices/scanner';

const SHEETS = 10;
const IMAGE_MS = 1000; // a 60 ppm simplex device
const DPI = 200;

export async function run(print: (line: string) => void): Promise<void> {
  const sim = await new EsclSimulator({ feederSheets: SHEETS }).start();
  try {
    const scanner = new EsclScanner({ url: sim.url, browse: false, retryMs: 20 });
    const settings = { resolution: DPI, mode: 'Gray' as const, source: 'Automatic Document Feeder', duplex: true };
    // Warm-up, unpaced: the simulator encodes each synthetic page once and caches it.
    await scanner.scan(settings);
    sim.loadFeeder(SHEETS);
    sim.pace(IMAGE_MS);

    const started = performance.now();
    const batch = await scanner.scan(settings);
    const ms = performance.now() - started;
    const pages = batch.pages.length;
    const paced = (60_000 / IMAGE_MS).toFixed(1);
    const measured = ((pages / ms) * 60_000).toFixed(1);
    const t = performance.now();
    const pdf = await pagesToPdf(batch.pages);
    const pdfMs = performance.now() - t;
    print(
      `eSCL duplex ADF, ${SHEETS} sheets → ${pages} pages at ${DPI} dpi grey JPEG (${Math.round(batch.pages.reduce((n, p) => n + p.bytes.length, 0) / pages / 1024)} KB a page)`,
    );
    print(`  simulator paced rate   ${paced} pages/min (${IMAGE_MS} ms an image)`);
    print(
      `  through EsclScanner    ${measured} pages/min (${(ms / pages).toFixed(0)} ms a page, ${(ms / pages - IMAGE_MS).toFixed(0)} ms driver overhead)`,
    );
    print(`  pages → one PDF        ${pdfMs.toFixed(0)} ms for ${pages} pages (${Math.round(pdf.length / 1024)} KB)`);
  } finally {
    await sim.stop();
  }
}
