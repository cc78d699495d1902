import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument } from 'pdf-lib';
import type { EncodedPage } from './encode-page';

/**
 * Adds one encoded page to a PDF, sized by its pixels and dpi so an A4 scan prints as A4.
 * JPEG and PNG go through pdf-lib; a G4 page is an image XObject of our own with
 * /Filter /CCITTFaxDecode, which every PDF reader (pdfium, poppler, mupdf, Acrobat) decodes,
 * with a stamped page's seal drawn over it as a JPEG.
 */
export async function addEncodedPage(doc: PDFDocument, p: EncodedPage): Promise<void> {
  if (p.kind !== 'ccitt-g4') {
    // A fresh array: pdf-lib reads JPEG markers through `bytes.buffer` from offset 0.
    const bytes = new Uint8Array(p.bytes);
    const image = p.kind === 'jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    const width = (image.width / p.dpi) * 72;
    const height = (image.height / p.dpi) * 72;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
    return;
  }
  const width = (p.width / p.dpi) * 72;
  const height = (p.height / p.dpi) * 72;
  const stream = doc.context.stream(p.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: p.width,
    Height: p.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'CCITTFaxDecode',
    // BlackIs1 false (the default): black runs decode to 0, which DeviceGray paints black.
    DecodeParms: { K: -1, Columns: p.width, Rows: p.height, EndOfBlock: true },
  });
  const ref = doc.context.register(stream);
  const page = doc.addPage([width, height]);
  const name = page.node.newXObject('Scan', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(name), popGraphicsState());
  if (p.overlay) {
    // The seal's area in colour over the bilevel page: it holds the text under the seal too.
    const { box, jpeg } = p.overlay;
    const seal = await doc.embedJpg(new Uint8Array(jpeg));
    const pt = 72 / p.dpi;
    page.drawImage(seal, { x: box.x * pt, y: (p.height - box.y - box.height) * pt, width: box.width * pt, height: box.height * pt });
  }
}
