import { toGrey, type Raster } from './raster';

export type PageContent = 'text' | 'photo';

export interface PageClass {
  content: PageContent;
  /** Grey level between toner and paper: the binariser's threshold for a text page. */
  threshold: number;
  /** Thin strokes (hairlines of Latin serif type, fine table rules) may be this light and still be ink. */
  ridge: number;
  /** Share of sampled pixels close to the paper's tone. */
  paper: number;
  /**
   * Share of sampled pixels that are mid-tones away from any edge. On a text page mid-tones
   * are only the anti-aliased edges of strokes; a photo is full of smooth mid-tone areas.
   */
  flatMidtones: number;
  /** Share of sampled pixels with a clear colour (a red seal, a photo). */
  coloured: number;
}

/** Chroma (max − min of R, G, B) above this is colour, not scanner noise on grey. */
const CHROMA = 60;
/** A seal of about 40 mm on A4 covers about 0.4 % of the page in red ink. */
const COLOURED_SHARE = 0.001;
const PAPER_SHARE = 0.5;
const FLAT_MIDTONE_SHARE = 0.01;
/** Toner must stand this far from paper for bilevel to keep it; faint pages stay grey. */
const MIN_CONTRAST = 64;

/**
 * Text page or photo? A text page is mostly paper, and what is not paper is toner with thin
 * anti-aliased edges: its histogram has two clear peaks, and its mid-tones all sit on an edge.
 * A photo has smooth mid-tone areas, and a seal or photo brings colour. Colour always goes to
 * JPEG: a red seal must stay red. Sampling every third pixel (at 200 dpi) is enough and cheap.
 */
export function classifyPage(r: Raster, dpi: number): PageClass {
  const step = Math.max(1, Math.round(dpi / 60));
  const reach = Math.max(1, Math.round(dpi / 100));
  const grey = toGrey(r);
  const w = r.width;
  const hist = new Uint32Array(256);
  let samples = 0;
  let coloured = 0;
  for (let y = 0; y < r.height; y += step) {
    for (let x = 0; x < w; x += step) {
      const i = y * w + x;
      hist[grey[i]!]!++;
      samples++;
      if (r.channels === 3) {
        const p = r.pixels;
        const j = i * 3;
        const hi = Math.max(p[j]!, p[j + 1]!, p[j + 2]!);
        const lo = Math.min(p[j]!, p[j + 1]!, p[j + 2]!);
        if (hi - lo > CHROMA) coloured++;
      }
    }
  }
  const split = otsu(hist, samples);
  let inkSum = 0;
  let inkN = 0;
  let paperSum = 0;
  let paperN = 0;
  for (let g = 0; g < 256; g++) {
    if (g <= split) {
      inkSum += g * hist[g]!;
      inkN += hist[g]!;
    } else {
      paperSum += g * hist[g]!;
      paperN += hist[g]!;
    }
  }
  const ink = inkN ? inkSum / inkN : 0;
  const paperTone = paperN ? paperSum / paperN : 255;
  const span = Math.max(1, paperTone - ink);
  const paperFrom = paperTone - span / 4;
  const midFrom = ink + span / 4;
  let paper = 0;
  for (let g = Math.ceil(paperFrom); g < 256; g++) paper += hist[g]!;
  // Mid-tones whose neighbourhood `reach` pixels away is just as mid: not an edge.
  let flat = 0;
  for (let y = reach; y < r.height - reach; y += step) {
    for (let x = reach; x < w - reach; x += step) {
      const i = y * w + x;
      const g = grey[i]!;
      if (g <= midFrom || g >= paperFrom) continue;
      const gx = Math.abs(grey[i + reach]! - grey[i - reach]!);
      const gy = Math.abs(grey[i + reach * w]! - grey[i - reach * w]!);
      if (Math.max(gx, gy) < span / 4) flat++;
    }
  }
  // Toner's own tone: the dark class's lower quartile, below the blurred stroke edges that pull its mean up.
  let toner = ink;
  for (let g = 0, seen = 0; g <= split; g++) {
    seen += hist[g]!;
    if (seen >= inkN / 4) {
      toner = g;
      break;
    }
  }
  const c: Omit<PageClass, 'content'> = {
    // Halfway between toner and paper: strokes keep their width, counters of dense characters stay open.
    threshold: Math.round((toner + paperTone) / 2),
    ridge: Math.round(toner + (paperTone - toner) * 0.82),
    paper: paper / samples,
    flatMidtones: flat / samples,
    coloured: coloured / samples,
  };
  const blank = c.paper > 0.995;
  const text = c.coloured < COLOURED_SHARE && c.paper >= PAPER_SHARE && c.flatMidtones < FLAT_MIDTONE_SHARE && span >= MIN_CONTRAST;
  return { content: text || blank ? 'text' : 'photo', ...c };
}

/** Otsu's threshold: the grey level that best separates the histogram into two classes. */
export function otsu(hist: Uint32Array, total: number): number {
  let sum = 0;
  for (let g = 0; g < 256; g++) sum += g * hist[g]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let g = 0; g < 256; g++) {
    wB += hist[g]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += g * hist[g]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = g;
    }
  }
  return threshold;
}
