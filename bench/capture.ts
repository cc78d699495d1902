import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SaneScanner, SimulatedScanner, pagesToPdf, type ScannedPage } from '../electron/devices/scanner';
import { renderDocument, sampleData, TEMPLATE_NAMES, templates } from '../electron/documents';

/** Notices: render time and size from sample data. Scans: 20 A4 pages at 200 dpi into one PDF. */
export async function run(print: (line: string) => void): Promise<void> {
  print('documents (sample data): time to render, size');
  for (const name of TEMPLATE_NAMES) {
    await renderDocument(name, sampleData(name)); // warm the font cache
    const t0 = performance.now();
    const pdf = await renderDocument(name, sampleData(name));
    print(`  ${name.padEnd(20)} ${(performance.now() - t0).toFixed(0).padStart(5)} ms  ${(pdf.length / 1024).toFixed(0).padStart(5)} KB  ${templates[name].title}`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'ow-bench-sane-'));
  try {
    await writeFile(join(dir, 'dll.conf'), 'test\n');
    // The test backend's default picture: uniform pages, so KB per page is a floor, not a real text page.
    const conf = (await readFile('/etc/sane.d/test.conf', 'utf8')).replace(/^geometry_max .*/m, 'geometry_max 300.0');
    await writeFile(join(dir, 'test.conf'), conf);
    const sane = new SaneScanner({ env: { ...process.env, SANE_CONFIG_DIR: dir } });
    let pages: ScannedPage[];
    let label: string;
    const t0 = performance.now();
    try {
      pages = (await sane.scan({ device: 'test:0', resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder', pages: 20 })).pages;
      label = 'SANE test backend, grey JPEG';
      // The test feeder holds 10 sheets: top up with a second batch.
      if (pages.length < 20) {
        const more = (await sane.scan({ device: 'test:0', resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder', pages: 20 - pages.length })).pages;
        pages = [...pages, ...more];
      }
    } catch {
      pages = (await new SimulatedScanner({ feederPages: 20 }).scan({ resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder', pages: 20 })).pages;
      label = 'simulated scanner (no SANE), PNG';
    }
    const scanMs = performance.now() - t0;
    const t1 = performance.now();
    const pdf = await pagesToPdf(pages);
    const pdfMs = performance.now() - t1;
    print(`scan: ${pages.length} A4 pages at 200 dpi (${label})`);
    print(`  scanning ${scanMs.toFixed(0)} ms, assembling one PDF ${pdfMs.toFixed(0)} ms, ${(pdf.length / 1024).toFixed(0)} KB, ${(pdf.length / 1024 / pages.length).toFixed(1)} KB per page`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
