import jpeg from 'jpeg-js';
import { binarize } from './binarize';
import { classifyPage, type PageContent, type PixelBox } from './classify';
import { encodeG4, type Bilevel } from './g4-encoder';
import { decodePng } from './png-decode';
import { toGrey, type PageImage, type Raster } from './raster';

/** A page as it goes into the material PDF. */
export type EncodedPage =
  | { kind: 'jpeg' | 'png'; bytes: Uint8Array; dpi: number }
  | {
      kind: 'ccitt-g4';
      data: Uint8Array;
      width: number;
      height: number;
      dpi: number;
      /** A stamped page's coloured area (the seal), as JPEG, painted over the bilevel page. */
      overlay?: { jpeg: Uint8Array; box: PixelBox };
    };

export interface PageEncoding {
  page: EncodedPage;
  /** What the classifier saw; `unreadable` when the image could not be decoded and was kept as it came. */
  content: PageContent | 'unreadable';
}

/** jpeg-js quality for photo pages that arrive as PNG: libjpeg's default, what scanimage writes. */
const PHOTO_JPEG_QUALITY = 75;

/** Colour components in a JPEG's frame header (1 = grey), or undefined if there is none. */
function jpegComponents(bytes: Uint8Array): number | undefined {
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[i + 9];
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return undefined;
}

function decode(p: PageImage): Raster {
  if (p.format === 'png') return decodePng(p.bytes);
  const d = jpeg.decode(p.bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 512 });
  if (d.data.length !== d.width * d.height * 3) throw new Error('unexpected JPEG pixel count');
  if (jpegComponents(p.bytes) !== 1) return { width: d.width, height: d.height, channels: 3, pixels: d.data };
  // jpeg-js repeats a grey JPEG's one component as R, G and B: keep one.
  const grey = new Uint8Array(d.width * d.height);
  for (let i = 0; i < grey.length; i++) grey[i] = d.data[i * 3]!;
  return { width: d.width, height: d.height, channels: 1, pixels: grey };
}

function asScanned(p: PageImage): EncodedPage {
  return { kind: p.format, bytes: p.bytes, dpi: p.dpi };
}

/**
 * JPEG of the whole raster, or of the box in it. With `white`, grey levels are scaled so that
 * level becomes white: a seal's patch then sits on the same white paper as the bilevel page.
 */
function toJpeg(r: Raster, quality: number, box: PixelBox = { x: 0, y: 0, width: r.width, height: r.height }, white = 255): Uint8Array {
  // Clamped: lifted paper saturates at white instead of wrapping round to black.
  const rgba = new Uint8ClampedArray(box.width * box.height * 4);
  const scale = 255 / Math.max(1, white);
  for (let y = 0, j = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++, j += 4) {
      const o = ((box.y + y) * r.width + box.x + x) * r.channels;
      rgba[j] = r.pixels[o]! * scale;
      rgba[j + 1] = r.pixels[r.channels === 3 ? o + 1 : o]! * scale;
      rgba[j + 2] = r.pixels[r.channels === 3 ? o + 2 : o]! * scale;
      rgba[j + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ width: box.width, height: box.height, data: rgba }, quality).data);
}

/**
 * Chooses each scanned page's encoding by what is on it: a text page becomes bilevel CCITT G4
 * (a few tens of KB for an A4 page at 200 dpi instead of a grey JPEG's hundreds); a text page
 * with a seal becomes G4 with the seal's area as a colour JPEG painted over it; a photo stays
 * JPEG (a JPEG from the scanner is kept as-is rather than compressed a second time). Whatever cannot be decoded, or would grow, is kept exactly as scanned: a
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
  const lineart = p.format === 'png' && raster.channels === 1 ? alreadyBilevel(raster.pixels, raster.width, raster.height) : undefined;
  if (lineart) {
    const data = encodeG4(lineart);
    if (data.length < p.bytes.length)
      return { page: { kind: 'ccitt-g4', data, width: raster.width, height: raster.height, dpi: p.dpi }, content: 'text' };
    return { page: asScanned(p), content: 'text' };
  }
  const grey = toGrey(raster);
  const cls = classifyPage(raster, p.dpi, grey);
  if (cls.content === 'text' || cls.content === 'stamped') {
    const bilevel = binarize(grey, raster.width, raster.height, cls);
    const data = encodeG4(bilevel);
    const overlay =
      cls.content === 'stamped' && cls.colourBox
        ? { jpeg: toJpeg(raster, PHOTO_JPEG_QUALITY, cls.colourBox, cls.paperTone - 12), box: cls.colourBox }
        : undefined;
    if (data.length + (overlay?.jpeg.length ?? 0) < p.bytes.length) {
      return {
        page: { kind: 'ccitt-g4', data, width: raster.width, height: raster.height, dpi: p.dpi, ...(overlay ? { overlay } : {}) },
        content: cls.content,
      };
    }
    return { page: asScanned(p), content: cls.content };
  }
  if (p.format === 'png') {
    const bytes = toJpeg(raster, PHOTO_JPEG_QUALITY);
    if (bytes.length < p.bytes.length) return { page: { kind: 'jpeg', bytes, dpi: p.dpi }, content: 'photo' };
  }
  return { page: asScanned(p), content: 'photo' };
}
