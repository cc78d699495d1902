import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { countPages, countPdfPages } from '../../../electron/acceptance/page-count';

async function pdfOf(pages: number, useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  return doc.save({ useObjectStreams });
}

describe('page count of a collected file', () => {
  it('counts pages in plain and object-stream PDFs', async () => {
    expect(countPdfPages(await pdfOf(3, false))).toBe(3);
    expect(countPdfPages(await pdfOf(7, true))).toBe(7);
    expect(countPdfPages(await pdfOf(1, true))).toBe(1);
  });
  it('an image is one page; what cannot be read is not guessed', () => {
    expect(countPages(new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg')).toBe(1);
    expect(countPages(new TextEncoder().encode('%PDF-1.7 garbage'), 'application/pdf')).toBeUndefined();
  });
});
