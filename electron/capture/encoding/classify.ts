import { toGrey, type Raster } from './raster';

export type PageContent = 'text' | 'photo';

export interface PageClass {
  content: PageContent;
  /** Grey level between ink and paper (Otsu's), the binariser's threshold for a text page. */
  threshold: number;
  /** Share of sampled pixels close to the paper's tone. */
  paper: number;
  /** Share of the non-paper pixels that are mid-tones rather than ink: edges on text, most of a photo. */
  midtones: number;
  /** Share of sampled pixels with a clear colour (a red seal, a photo). */
  coloured: number;
}

/** Chroma (max − min of R, G, B) above this is colour, not scanner noise on grey. */
const CHROMA = 60;
/** A seal of about 40 mm on A4 covers about 0.4 % of the page in red ink. */
const COLOURED_SHARE = 0.001;
const PAPER_SHARE = 0.6;
const MIDTONE_SHARE = 0.45;

/**
 * Text page or photo? A text page is mostly paper, and what is not paper is ink with thin
 * anti-aliased edges: its histogram has two clear peaks. A photo fills the page with mid-tones,
 * and a seal or photo brings colour. Colour always goes to JPEG: a red seal must stay red.
 * Sampling every few pixels is enough for a histogram and keeps this cheap.
 */
export function classifyPage(r: Raster, dpi: number): PageClass {
  const step = Math.max(1, Math.round(dpi / 60));
  const grey = toGrey(r);
  const hist = new Uint32Array(256);
  let samples = 0;
  let coloured = 0;
  for (let y = 0; y < r.height; y += step) {
    for (let x = 0; x < r.width; x += step) {
      const i = y * r.width + x;
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
  const threshold = otsu(hist, samples);
  let inkSum = 0;
  let inkN = 0;
  let paperSum = 0;
  let paperN = 0;
  for (let g = 0; g < 256; g++) {
    if (g <= threshold) {
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
  // Paper: within a quarter of the ink-to-paper span of the paper tone; ink: within a quarter of the ink tone.
  let paper = 0;
  let mid = 0;
  for (let g = 0; g < 256; g++) {
    if (g >= paperTone - span / 4) paper += hist[g]!;
    else if (g > ink + span / 4) mid += hist[g]!;
  }
  const notPaper = samples - paper;
  const c: Omit<PageClass, 'content'> = {
    threshold,
    paper: paper / samples,
    midtones: notPaper ? mid / notPaper : 0,
    coloured: coloured / samples,
  };
  // A blank page (nothing but paper) is text too: bilevel stores it in a few hundred bytes.
  const text = c.coloured < COLOURED_SHARE && c.paper >= PAPER_SHARE && (notPaper / samples < 0.002 || c.midtones <= MIDTONE_SHARE) && span >= 64;
  return { content: text || c.paper > 0.995 ? 'text' : 'photo', ...c };
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
