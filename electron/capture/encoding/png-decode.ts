import { inflateSync } from 'node:zlib';
import type { Raster } from './raster';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel for each PNG colour type. */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Reads the PNGs scanners write (scanimage --format=png, eSCL, WIA): grey, grey+alpha, RGB,
 * RGBA or palette, 1 to 16 bits, not interlaced. Alpha is dropped (a scan has none to speak
 * of); 16-bit samples keep their high byte; bilevel and low-depth grey expand to 0..255.
 * Anything else throws, and the caller keeps the page's bytes as they came.
 */
export function decodePng(bytes: Uint8Array): Raster {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let type = -1;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let o = 8; o + 8 <= bytes.length;) {
    const len = view.getUint32(o);
    const kind = String.fromCharCode(bytes[o + 4]!, bytes[o + 5]!, bytes[o + 6]!, bytes[o + 7]!);
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (kind === 'IHDR') {
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
      depth = data[8]!;
      type = data[9]!;
      interlace = data[12]!;
    } else if (kind === 'PLTE') palette = data;
    else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    o += 12 + len;
  }
  const samples = SAMPLES[type];
  if (!samples || width === 0 || height === 0) throw new Error('unsupported PNG header');
  if (interlace !== 0) throw new Error('interlaced PNG');
  if (type === 3 && !palette) throw new Error('palette PNG without a palette');
  const raw = inflateSync(Buffer.concat(idat));
  const bitsPerPixel = samples * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  if (raw.length < (stride + 1) * height) throw new Error('truncated PNG');
  const line = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const colour = type === 2 || type === 6 || type === 3;
  const channels: 1 | 3 = colour ? 3 : 1;
  const out = new Uint8Array(width * height * channels);
  const maxSample = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    const base = y * (stride + 1);
    const filter = raw[base]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[base + 1 + i]!;
      const a = i >= bpp ? line[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`PNG filter ${filter}`);
      }
      line[i] = v & 0xff;
    }
    const sample = (k: number): number => {
      if (depth === 8) return line[k]!;
      if (depth === 16) return line[k * 2]!;
      const bit = k * depth;
      return (line[bit >> 3]! >> (8 - depth - (bit & 7))) & maxSample;
    };
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (type === 3) {
        const p = sample(x) * 3;
        out[o] = palette![p] ?? 0;
        out[o + 1] = palette![p + 1] ?? 0;
        out[o + 2] = palette![p + 2] ?? 0;
      } else if (colour) {
        out[o] = sample(x * samples);
        out[o + 1] = sample(x * samples + 1);
        out[o + 2] = sample(x * samples + 2);
      } else {
        const s = sample(x * samples);
        out[o] = depth >= 8 ? s : Math.round((s * 255) / maxSample);
      }
    }
    prev.set(line);
  }
  return { width, height, channels, pixels: out };
}
