/** Decoded pixels of a scanned page: 1 channel (grey) or 3 (RGB), 8 bits each, row by row. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: Uint8Array;
}

/** A scanned page as a driver hands it over: the bytes of a JPEG or PNG and its resolution. */
export interface PageImage {
  format: 'jpeg' | 'png';
  bytes: Uint8Array;
  dpi: number;
}

/** Grey value of each pixel (ITU-R BT.601 luma for colour), the classifier's and binariser's input. */
export function toGrey(r: Raster): Uint8Array {
  if (r.channels === 1) return r.pixels;
  const n = r.width * r.height;
  const out = new Uint8Array(n);
  const p = r.pixels;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (p[j]! * 299 + p[j + 1]! * 587 + p[j + 2]! * 114 + 500) / 1000;
  return out;
}
