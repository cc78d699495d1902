import { degrees, PDFDocument } from 'pdf-lib';
import { ASSEMBLE_MAX_BASE64_CHARS } from '../../shared/api/capture';
import { AppError } from '../../shared/api/errors';

export interface CameraPageInput {
  mime: 'image/jpeg' | 'image/png';
  dataBase64: string;
  rotation: 0 | 90 | 180 | 270;
}

const A4_LONG_PT = (297 / 25.4) * 72;

/**
 * Document-camera pages become one PDF. The camera has no meaningful dpi, so each page is
 * scaled to fit its long side to A4; the renderer already sends grayscale JPEG for text pages,
 * embedded as-is. Rotation is the page's /Rotate, which every viewer and printer honours
 * without re-encoding the image.
 */
export async function cameraPagesToPdf(pages: readonly CameraPageInput[], title?: string): Promise<Uint8Array> {
  const total = pages.reduce((n, p) => n + p.dataBase64.length, 0);
  if (total > ASSEMBLE_MAX_BASE64_CHARS) {
    throw new AppError(
      'TOO_LARGE',
      `拍摄的页面过大（约 ${Math.round((total * 0.75) / 1048576)} MB），一份材料不能超过 ${Math.round((ASSEMBLE_MAX_BASE64_CHARS * 0.75) / 1048576)} MB：请减少页数或分成几份材料`,
    );
  }
  const doc = await PDFDocument.create();
  for (const [i, p] of pages.entries()) {
    // A fresh array: pdf-lib reads JPEG markers through `bytes.buffer` from offset 0, which a
    // small Buffer (a slice of Node's shared pool) would get wrong.
    const bytes = new Uint8Array(Buffer.from(p.dataBase64, 'base64'));
    let image;
    try {
      image = p.mime === 'image/jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    } catch {
      throw new AppError('VALIDATION', `第 ${i + 1} 页图像无法识别，请重拍这一页`);
    }
    const scale = A4_LONG_PT / Math.max(image.width, image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const page = doc.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
    if (p.rotation) page.setRotation(degrees(p.rotation));
  }
  if (title) doc.setTitle(title);
  doc.setCreator('OneWindow 一窗通');
  return doc.save({ useObjectStreams: true });
}
