import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocument, sampleData, TEMPLATE_NAMES, type TemplateName } from '../electron/documents';
import { renderDocumentReport } from '../electron/documents/registry';
import { pagesToPdf, SaneScanner } from '../electron/devices/scanner';

/**
 * Document figures: time and size to render each template (sample data, font already cached
 * after the first), the same with rare name characters (王䶮, 𠮷祥花园: the fallback face is
 * loaded once and embedded as a subset only then), and 20 A4 pages at 200 dpi from SANE's test
 * backend into one PDF.
 */

/** The sample with an applicant contact 王䶮 and a project 𠮷祥花园 wherever the template has them. */
function withRareNames(name: TemplateName): unknown {
  const d = structuredClone(sampleData(name)) as Record<string, unknown> & { applicant?: { contact?: string }; project?: { name: string } };
  if (d.applicant) d.applicant.contact = '王䶮';
  if (d.project) d.project.name = '𠮷祥花园';
  if (typeof d['projectName'] === 'string') d['projectName'] = '𠮷祥花园';
  if (typeof d['submittedBy'] === 'string') d['submittedBy'] = '王䶮';
  return d;
}
export async function run(print: (line: string) => void): Promise<void> {
  const first = performance.now();
  await renderDocument('material-receipt', sampleData('material-receipt'));
  print(`documents: first render incl. font load ${(performance.now() - first).toFixed(0)} ms`);
  for (const name of TEMPLATE_NAMES) {
    const runs = 5;
    let bytes = 0;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) bytes = (await renderDocument(name, sampleData(name))).length;
    print(
      `documents: ${name.padEnd(20)} ${((performance.now() - t0) / runs).toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(1).padStart(6)} KB`,
    );
  }
  const fallbackFirst = performance.now();
  const firstRare = await renderDocumentReport('material-receipt', withRareNames('material-receipt'));
  print(
    `documents: first render with rare names incl. fallback face load ${(performance.now() - fallbackFirst).toFixed(0)} ms (${firstRare.fallbackFaces.join(', ') || 'no fallback face found'})`,
  );
  for (const name of TEMPLATE_NAMES) {
    const runs = 5;
    let bytes = 0;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) bytes = (await renderDocumentReport(name, withRareNames(name))).pdf.length;
    print(
      `documents: ${(name + ' 王䶮/𠮷').padEnd(20)} ${((performance.now() - t0) / runs).toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(1).padStart(6)} KB`,
    );
  }

  const dir = await mkdtemp(join(tmpdir(), 'ow-bench-sane-'));
  try {
    await writeFile(join(dir, 'dll.conf'), 'test\n');
    // Grid pattern: a page with lines compresses more like a text page than solid black does.
    const conf = (await readFile('/etc/sane.d/test.conf', 'utf8'))
      .replace(/^geometry_max .*/m, 'geometry_max 300.0')
      .replace(/^test-picture .*/m, 'test-picture "Grid"');
    await writeFile(join(dir, 'test.conf'), conf);
    const scanner = new SaneScanner({ env: { ...process.env, SANE_CONFIG_DIR: dir } });
    const pages = [];
    const t0 = performance.now();
    // The test feeder holds 10 sheets: two loads make 20 pages, as a clerk would reload.
    for (let load = 0; load < 2; load++) {
      const batch = await scanner.scan({ device: 'test:0', resolution: 200, mode: 'Gray', source: 'Automatic Document Feeder', pages: 10 });
      pages.push(...batch.pages);
    }
    const scanned = performance.now();
    const pdf = await pagesToPdf(pages);
    const done = performance.now();
    print(
      `scan: ${pages.length} A4 pages, 200 dpi grey JPEG -> PDF: scan ${(scanned - t0).toFixed(0)} ms, assemble ${(done - scanned).toFixed(0)} ms, ` +
        `${(pdf.length / 1024).toFixed(0)} KB total, ${(pdf.length / 1024 / pages.length).toFixed(1)} KB/page`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
