import jpeg from 'jpeg-js';
import { binarize } from './binarize';
import { classifyPage, type PageContent } from './classify';
import { encodeG4, type Bilevel } from './g4-encoder';
import { decodePng } from './png-decode';
import { toGrey, type PageImage, type Raster } from './raster';

/** A page as it goes into the material PDF. */
export type EncodedPage =
  | { kind: 'jpeg' | 'png'; bytes: Uint8Array; dpi: number }
  | { kind: 'ccitt-g4'; data: Uint8Array; width: number; height: number; dpi: number };

export interface PageEncoding {
  page: EncodedPage;
  /** What the classifier saw; `unreadable` when the image could not be decoded and was kept as it came. */
  content: PageContent | 'unreadable';
}

/** jpeg-js quality for photo pages that arrive as PNG: libjpeg's default, what scanimage writes. */
const PHOTO_JPEG_QUALITY = 75;

function decode(p: PageImage): Raster {
  if (p.format === 'png') return decodePng(p.bytes);
  const d = jpeg.decode(p.bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 512 });
  const channels = d.data.length === d.width * d.height ? 1 : 3;
  if (d.data.length !== d.width * d.height * channels) throw new Error('unexpected JPEG component count');
  return { width: d.width, height: d.height, channels, pixels: d.data };
}

function asScanned(p: PageImage): EncodedPage {
  return { kind: p.format, bytes: p.bytes, dpi: p.dpi };
}

function toJpeg(r: Raster, quality: number): Uint8Array {
  const rgba = new Uint8Array(r.width * r.height * 4);
  for (let i = 0, j = 0; i < r.width * r.height; i++, j += 4) {
    const o = i * r.channels;
    rgba[j] = r.pixels[o]!;
    rgba[j + 1] = r.pixels[r.channels === 3 ? o + 1 : o]!;
    rgba[j + 2] = r.pixels[r.channels === 3 ? o + 2 : o]!;
    rgba[j + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: r.width, height: r.height, data: rgba }, quality).data);
}

/**
 * Chooses each scanned page's encoding by what is on it: a text page becomes bilevel CCITT G4
 * (a few tens of KB for an A4 page at 200 dpi instead of a grey JPEG's hundreds), a photo or a
 * page with a seal stays JPEG (a JPEG from the scanner is kept as-is rather than compressed a
 * second time). Whatever cannot be decoded, or would grow, is kept exactly as scanned: a
 * material is never lost to the encoder.
 */
export function encodeScannedPage(p: PageImage): PageEncoding {
  let raster: Raster;
  try {
    raster = decode(p);
  } catch {
    return { page: asScanned(p), content: 'unreadable' };
  }
  try {
    return byContent(p, raster);
  } catch {
    return { page: asScanned(p), content: 'unreadable' };
  }
}

/** A page that is already black and white (a Lineart scan): its pixels as they are, or undefined. */
function alreadyBilevel(grey: Uint8Array, width: number, height: number): Bilevel | undefined {
  const black = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) {
    const g = grey[i]!;
    if (g !== 0 && g !== 255) return undefined;
    black[i] = g === 0 ? 1 : 0;
  }
  return { width, height, black };
}

function byContent(p: PageImage, raster: Raster): PageEncoding {
  // The scanner already made it black and white (and may have dithered it): store it losslessly.
  const lineart = p.format === 'png' ? alreadyBilevel(toGrey(raster), raster.width, raster.height) : undefined;
  if (lineart) {
    const data = encodeG4(lineart);
    if (data.length < p.bytes.length) return { page: { kind: 'ccitt-g4', data, width: raster.width, height: raster.height, dpi: p.dpi }, content: 'text' };
    return { page: asScanned(p), content: 'text' };
  }
  const cls = classifyPage(raster, p.dpi);
  if (cls.content === 'text') {
    const bilevel = binarize(toGrey(raster), raster.width, raster.height, cls);
    const data = encodeG4(bilevel);
    if (data.length < p.bytes.length) return { page: { kind: 'ccitt-g4', data, width: raster.width, height: raster.height, dpi: p.dpi }, content: 'text' };
    return { page: asScanned(p), content: 'text' };
  }
  if (p.format === 'png') {
    const bytes = toJpeg(raster, PHOTO_JPEG_QUALITY);
    if (bytes.length < p.bytes.length) return { page: { kind: 'jpeg', bytes, dpi: p.dpi }, content: 'photo' };
  }
  return { page: asScanned(p), content: 'photo' };
}
