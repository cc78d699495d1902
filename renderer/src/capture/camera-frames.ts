import { findPageBounds, scaleRect, type Rect } from './page-bounds';

/** One photographed page: the full frame is kept so a crop can be redone without re-taking. */
export interface CameraPage {
  id: string;
  frame: HTMLCanvasElement;
  crop: Rect;
  /** Whether the crop came from page-edge detection (else the whole frame or a manual crop). */
  autoCropped: boolean;
  rotation: 0 | 90 | 180 | 270;
  thumbnail: string;
}

const DETECT_WIDTH = 200;

/** Grabs the current video frame; grey for text pages (smaller JPEG, cleaner print). */
export function grabFrame(video: HTMLVideoElement, grayscale: boolean): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  if (grayscale) ctx.filter = 'grayscale(1)';
  ctx.drawImage(video, 0, 0);
  return canvas;
}

/** Page-edge crop on a downscaled copy; the whole frame when no page stands out. */
export function autoCrop(frame: HTMLCanvasElement): { crop: Rect; auto: boolean } {
  const factor = frame.width / DETECT_WIDTH;
  const w = DETECT_WIDTH;
  const h = Math.max(1, Math.round(frame.height / factor));
  const small = document.createElement('canvas');
  small.width = w;
  small.height = h;
  const ctx = small.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(frame, 0, 0, w, h);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const gray = new Uint8Array(w * h);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
  const found = findPageBounds(gray, w, h);
  if (!found) return { crop: { x: 0, y: 0, width: frame.width, height: frame.height }, auto: false };
  // Edge rows of the small copy blend page and desk: step one pixel inside so no desk shows.
  const inset = { x: found.x + 1, y: found.y + 1, width: Math.max(1, found.width - 2), height: Math.max(1, found.height - 2) };
  return { crop: scaleRect(inset, factor, frame.width, frame.height), auto: true };
}

/** The page as it goes into the PDF: cropped (rotation travels as the PDF page's /Rotate). */
export function croppedCanvas(page: Pick<CameraPage, 'frame' | 'crop'>, maxSide = Infinity): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(page.crop.width, page.crop.height));
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(page.crop.width * scale));
  c.height = Math.max(1, Math.round(page.crop.height * scale));
  c.getContext('2d')!.drawImage(page.frame, page.crop.x, page.crop.y, page.crop.width, page.crop.height, 0, 0, c.width, c.height);
  return c;
}

export function thumbnailOf(page: Pick<CameraPage, 'frame' | 'crop'>): string {
  return croppedCanvas(page, 160).toDataURL('image/jpeg', 0.7);
}

/** JPEG at quality 0.8 as base64, for capture.assemble. */
export async function jpegBase64(canvas: HTMLCanvasElement): Promise<string> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG 编码失败'))), 'image/jpeg', 0.8),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
