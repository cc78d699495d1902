import { PDFDocument } from 'pdf-lib';
import type { ScannedPage } from './scanner';

/**
 * The pages of one material become one PDF. Each page keeps its scanned size (pixels / dpi),
 * so an A4 scan prints as A4; the JPEG or PNG is embedded as-is, without re-encoding.
 */
export async function pagesToPdf(pages: readonly ScannedPage[], meta: { title?: string } = {}): Promise<Uint8Array> {
  if (pages.length === 0) throw new Error('no pages to assemble');
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const image = p.format === 'jpeg' ? await doc.embedJpg(p.bytes) : await doc.embedPng(p.bytes);
    const width = (image.width / p.dpi) * 72;
    const height = (image.height / p.dpi) * 72;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  if (meta.title) doc.setTitle(meta.title);
  doc.setCreator('OneWindow 一窗通');
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}
