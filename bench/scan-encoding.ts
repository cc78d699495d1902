/**
 * Scanned pages, before and after encoding by content: KB per A4 page at 200 dpi and ms per
 * page, on realistic pages (bench/scan-pages.ts) delivered as a scanner driver does — JPEG at
 * libjpeg's quality 75. Before: the driver's JPEG embedded as-is (how materials were stored).
 * After: decoded, classified, and stored as CCITT G4 (text) or kept JPEG (seal, photo).
 * Sizes are of the one-page material PDF; times are the median of several runs.
 */
import { encodeScannedPage } from '../electron/capture/encoding';
import { pagesToPdf, type ScannedPage } from '../electron/devices/scanner';
import { photoPage, scannerJpeg, SCAN_DPI, stampedPage, textPage } from './scan-pages';

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(f: () => Promise<Uint8Array>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = (await f()).length;
    times.push(performance.now() - t);
  }
  return { ms: median(times), bytes };
}

export async function run(print: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const pages = { 'text (notice)': await textPage(), 'stamped notice': await stampedPage(), photo: photoPage() };
  print(
    `scan-encoding: realistic pages generated in ${(performance.now() - t0).toFixed(0)} ms (A4, ${SCAN_DPI} dpi; driver JPEG quality 75)`,
  );
  for (const [name, raster] of Object.entries(pages)) {
    const page: ScannedPage = { index: 1, format: 'jpeg', bytes: scannerJpeg(raster), dpi: SCAN_DPI };
    const before = await timed(() => pagesToPdf([page], { encoding: 'as-scanned' }));
    const after = await timed(() => pagesToPdf([page]));
    const chosen = encodeScannedPage(page);
    print(
      `scan-encoding: ${name.padEnd(15)} before ${(before.bytes / 1024).toFixed(1).padStart(6)} KB ${before.ms.toFixed(0).padStart(5)} ms/page` +
        `  after ${(after.bytes / 1024).toFixed(1).padStart(6)} KB ${after.ms.toFixed(0).padStart(5)} ms/page  (${chosen.content} → ${chosen.page.kind})`,
    );
  }
  // Where the time of a text page goes.
  const text: ScannedPage = { index: 1, format: 'jpeg', bytes: scannerJpeg(pages['text (notice)']), dpi: SCAN_DPI };
  const encodeOnly = median(
    Array.from({ length: RUNS }, () => {
      const t = performance.now();
      encodeScannedPage(text);
      return performance.now() - t;
    }),
  );
  print(`scan-encoding: text page decode+classify+binarise+G4 alone ${encodeOnly.toFixed(0)} ms (the rest is PDF assembly)`);
}
