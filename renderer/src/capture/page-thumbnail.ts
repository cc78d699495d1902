import { api } from '../api/client';

/**
 * A scanned page scaled for the thumbnail strip, in the renderer: the browser decodes JPEG and
 * PNG natively (createImageBitmap resizes while decoding), so the workstation core needs no image
 * tool on any OS. Returns '' when the page cannot be shown; the strip then shows its number.
 */
export async function pageThumbnail(scanId: string, page: number, width = 96): Promise<string> {
  try {
    const img = await api.call('capture.page', { scanId, page });
    const bytes = Uint8Array.from(atob(img.dataBase64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: img.mime }), { resizeWidth: width, resizeQuality: 'medium' });
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return '';
  }
}
