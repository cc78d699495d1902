/**
 * Realistic scanned pages for the scan-encoding bench and tests, all deterministic (seeded):
 *
 * - a text page: our own 一次性告知书 (correction notice) rendered by electron/documents,
 *   rasterised at 200 dpi grey by poppler's pdftoppm, then passed through a model of a flatbed
 *   scanner — slight skew, optical blur, off-white uneven paper, grey (not black) toner,
 *   sensor noise and a little dust;
 * - a stamped page: the same notice in colour with a red official seal over the signature;
 * - a photo page: a generated colour landscape (sky, sun, ridges, water, grass texture) filling
 *   the A4 page, with the same sensor noise.
 *
 * The pages are pixels (Raster); `scannerJpeg` turns one into what a scanner driver hands over.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Raster } from '../electron/capture/encoding';
import { renderDocument, sampleData } from '../electron/documents';

export const SCAN_DPI = 200;

/** mulberry32: a small seeded generator, so every run scans "the same sheet". */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function readPgm(bytes: Buffer): Raster {
  // P5 <w> <h> <max>\n<bytes>: pdftoppm writes no comments.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, channels: 1, pixels: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height)) };
}

/** The first page of a PDF at `dpi`, grey, as poppler renders it. */
export function rasterisePdf(pdf: Uint8Array, dpi: number): Raster {
  const dir = mkdtempSync(join(tmpdir(), 'ow-scanpage-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
    return readPgm(readFileSync(join(dir, 'page.pgm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rotates a grey image by `deg` about its centre (bilinear), white where the sheet was not. */
function skew(src: Raster, deg: number): Raster {
  const { width: w, height: h, pixels: p } = src;
  const out = new Uint8Array(w * h);
  const cos = Math.cos((deg * Math.PI) / 180);
  const sin = Math.sin((deg * Math.PI) / 180);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = p[i]! * (1 - fx) + p[i + 1]! * fx;
      const bottom = p[i + w]! * (1 - fx) + p[i + w + 1]! * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { ...src, pixels: out };
}

/** The optics' softness: a separable [1 2 1] blur on each channel. */
function blur(src: Raster): Raster {
  const { width: w, height: h, channels: c, pixels: p } = src;
  const tmp = new Uint8Array(p.length);
  const out = new Uint8Array(p.length);
  const stride = w * c;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const l = x >= c ? p[i - c]! : p[i]!;
      const r = x + c < stride ? p[i + c]! : p[i]!;
      tmp[i] = (l + 2 * p[i]! + r + 2) >> 2;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const u = y > 0 ? tmp[i - stride]! : tmp[i]!;
      const d = y + 1 < h ? tmp[i + stride]! : tmp[i]!;
      out[i] = (u + 2 * tmp[i]! + d + 2) >> 2;
    }
  }
  return { ...src, pixels: out };
}

/**
 * Paper and toner as a scanner sees them: paper off-white and brighter on one side (lamp
 * falloff), toner dark grey rather than black, then sensor noise (σ ≈ 3 grey levels) and dust.
 */
function scannerTone(src: Raster, seed: number): Raster {
  const { width: w, height: h, channels: c, pixels: p } = src;
  const rand = seeded(seed);
  const noise = gaussian(rand);
  const out = new Uint8Array(p.length);
  const TONER = 38;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const paper = 236 - 10 * (x / w) - 5 * (y / h);
      const n = noise() * 3;
      for (let k = 0; k < c; k++) {
        const i = (y * w + x) * c + k;
        const v = TONER + (p[i]! / 255) * (paper - TONER) + n;
        out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  // Dust: a few dark specks of one to three pixels.
  for (let d = 0; d < 60; d++) {
    const x = Math.floor(rand() * (w - 3));
    const y = Math.floor(rand() * (h - 3));
    const size = 1 + Math.floor(rand() * 3);
    for (let yy = y; yy < y + size; yy++)
      for (let xx = x; xx < x + size; xx++) for (let k = 0; k < c; k++) out[(yy * w + xx) * c + k] = 60 + rand() * 60;
  }
  return { ...src, pixels: out };
}

/** The correction notice, with sample data, as a 200 dpi grey flatbed scan. */
export async function textPage(seed = 1): Promise<Raster> {
  const pdf = await renderDocument('correction-notice', sampleData('correction-notice'));
  return scannerTone(blur(skew(rasterisePdf(pdf, SCAN_DPI), 0.35)), seed);
}

/** The same notice scanned in colour, with the red seal of the issuing bureau over its signature. */
export async function stampedPage(seed = 2): Promise<Raster> {
  const pdf = await renderDocument('correction-notice', sampleData('correction-notice'));
  const grey = skew(rasterisePdf(pdf, SCAN_DPI), 0.35);
  const { width: w, height: h } = grey;
  const rgb = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = grey.pixels[i]!;
  // A seal of 42 mm: a ring, a five-pointed star, and a band under it; red ink multiplies the page.
  const mm = SCAN_DPI / 25.4;
  const cx = w - 45 * mm;
  const cy = h - 40 * mm;
  const r = 21 * mm;
  const rand = seeded(seed);
  const inStar = (dx: number, dy: number): boolean => {
    const R = 6 * mm;
    const a = Math.atan2(dy, dx) + Math.PI / 2;
    const k = (((a % ((2 * Math.PI) / 5)) + (2 * Math.PI) / 5) % ((2 * Math.PI) / 5)) - Math.PI / 5;
    const rad = Math.hypot(dx, dy);
    return rad < (R * 0.38) / Math.cos(Math.abs(k) * 0.9) || rad < R * (1 - (Math.abs(k) / (Math.PI / 5)) * 0.62);
  };
  for (let y = Math.floor(cy - r - 2); y < cy + r + 2; y++) {
    for (let x = Math.floor(cx - r - 2); x < cx + r + 2; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const d = Math.hypot(dx, dy);
      const ring = d <= r && d >= r - 1.3 * mm;
      const band = Math.abs(dy - 9 * mm) < 1.6 * mm && Math.abs(dx) < 12 * mm && Math.floor(dx / (2.2 * mm)) % 2 === 0;
      if (!(ring || inStar(dx, dy) || band)) continue;
      // Uneven ink: the seal is pressed by hand.
      const ink = 0.7 + 0.3 * rand();
      const i = (y * w + x) * 3;
      rgb[i] = rgb[i]! * (1 - ink * 0.12);
      rgb[i + 1] = rgb[i + 1]! * (1 - ink * 0.8);
      rgb[i + 2] = rgb[i + 2]! * (1 - ink * 0.75);
    }
  }
  return scannerTone(blur({ width: w, height: h, channels: 3, pixels: rgb }), seed);
}

/** Smooth value noise in 0..1, several octaves: the texture of hills, water and grass. */
function valueNoise(seed: number, cell: number): (x: number, y: number) => number {
  const rand = seeded(seed);
  const N = 256;
  const grid = Float32Array.from({ length: N * N }, () => rand());
  const at = (i: number, j: number) => grid[(((j % N) + N) % N) * N + (((i % N) + N) % N)]!;
  const smooth = (t: number) => t * t * (3 - 2 * t);
  const octave = (x: number, y: number, s: number): number => {
    const fx = x / s;
    const fy = y / s;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    const u = smooth(fx - i);
    const v = smooth(fy - j);
    return (at(i, j) * (1 - u) + at(i + 1, j) * u) * (1 - v) + (at(i, j + 1) * (1 - u) + at(i + 1, j + 1) * u) * v;
  };
  return (x, y) => octave(x, y, cell) * 0.5 + octave(x + 31, y + 17, cell / 4) * 0.3 + octave(x + 7, y + 91, cell / 16) * 0.2;
}

/** A colour landscape photograph filling an A4 page at 200 dpi. */
export function photoPage(seed = 3): Raster {
  const w = Math.round((210 / 25.4) * SCAN_DPI);
  const h = Math.round((297 / 25.4) * SCAN_DPI);
  const px = new Uint8Array(w * h * 3);
  const tex = valueNoise(seed, 160);
  const ridge = valueNoise(seed + 1, 400);
  const horizon = h * 0.45;
  const sun = { x: w * 0.7, y: h * 0.18, r: w * 0.06 };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = tex(x, y);
      const far = horizon - h * 0.12 * ridge(x, 0);
      const near = horizon + h * 0.08 - h * 0.18 * ridge(x + 5000, 50);
      let r: number;
      let g: number;
      let b: number;
      if (y < far) {
        const s = y / far;
        r = 90 + 120 * s;
        g = 140 + 80 * s;
        b = 230 - 10 * s;
        const glow = Math.max(0, 1 - Math.hypot(x - sun.x, y - sun.y) / (sun.r * 4));
        const disc = Math.hypot(x - sun.x, y - sun.y) < sun.r ? 1 : 0;
        r += 80 * glow * glow + 60 * disc;
        g += 60 * glow * glow + 40 * disc;
        b += 10 * glow;
        // Clouds from the texture.
        const cloud = Math.max(0, t - 0.55) * 3;
        r += (250 - r) * cloud;
        g += (250 - g) * cloud;
        b += (252 - b) * cloud;
      } else if (y < near) {
        const shade = 0.6 + 0.5 * t;
        r = 80 * shade;
        g = 100 * shade;
        b = 130 * shade;
      } else if (y < h * 0.7) {
        // Water reflecting the sky, rippled.
        const ripple = Math.sin(y * 0.35 + t * 12) * 0.5 + 0.5;
        r = 70 + 60 * ripple;
        g = 110 + 60 * ripple;
        b = 170 + 50 * ripple;
      } else {
        const shade = 0.5 + 0.7 * t;
        r = 70 * shade;
        g = 140 * shade;
        b = 50 * shade;
      }
      const i = (y * w + x) * 3;
      px[i] = Math.min(255, r);
      px[i + 1] = Math.min(255, g);
      px[i + 2] = Math.min(255, b);
    }
  }
  return scannerTone(blur({ width: w, height: h, channels: 3, pixels: px }), seed);
}

/**
 * What a scanner driver hands over for these pixels: a JPEG at libjpeg's default quality 75,
 * which scanimage writes. netpbm's pnmtojpeg (libjpeg, one grey component like scanimage) when
 * installed, else jpeg-js (which always writes three components; slightly larger for grey).
 */
export function scannerJpeg(r: Raster, quality = 75): Uint8Array {
  try {
    const header = Buffer.from(`${r.channels === 1 ? 'P5' : 'P6'}\n${r.width} ${r.height}\n255\n`, 'latin1');
    return new Uint8Array(
      execFileSync('pnmtojpeg', [`--quality=${quality}`], {
        input: Buffer.concat([header, r.pixels]),
        maxBuffer: 64 << 20,
        stdio: ['pipe', 'pipe', 'ignore'],
      }),
    );
  } catch {
    const rgba = new Uint8Array(r.width * r.height * 4);
    for (let i = 0; i < r.width * r.height; i++) {
      for (let k = 0; k < 3; k++) rgba[i * 4 + k] = r.pixels[i * r.channels + (r.channels === 3 ? k : 0)]!;
      rgba[i * 4 + 3] = 255;
    }
    return new Uint8Array(jpeg.encode({ width: r.width, height: r.height, data: rgba }, quality).data);
  }
}
