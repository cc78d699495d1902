import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { PDFDocument } from 'pdf-lib';
import { addEncodedPage, encodeScannedPage, type EncodedPage } from '../../capture/encoding';
import type { ScannedPage } from './scanner';

export interface PagesToPdfOptions {
  title?: string;
  /**
   * `by-content` (default): text pages become bilevel CCITT G4, photos and seals stay JPEG
   * (capture/encoding). `as-scanned`: each JPEG or PNG embedded as the driver delivered it —
   * how materials were stored before, kept for the bench's comparison.
   */
  encoding?: 'by-content' | 'as-scanned';
}

/**
 * The pages of one material become one PDF. Each page keeps its scanned size (pixels / dpi),
 * so an A4 scan prints as A4. A page already encoded while the scan ran (`encoded`) is not
 * encoded again.
 */
export async function pagesToPdf(
  pages: readonly (ScannedPage & { encoded?: EncodedPage })[],
  meta: PagesToPdfOptions = {},
): Promise<Uint8Array> {
  if (pages.length === 0) throw new Error('no pages to assemble');
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const page = meta.encoding === 'as-scanned' ? { kind: p.format, bytes: p.bytes, dpi: p.dpi } : (p.encoded ?? encodeScannedPage(p).page);
    await addEncodedPage(doc, page);
    // Encoding a page takes a moment of CPU: let other work in this process run between pages.
    if (!p.encoded && meta.encoding !== 'as-scanned') await yieldToEvents();
  }
  if (meta.title) doc.setTitle(meta.title);
  doc.setCreator('OneWindow 一窗通');
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}
