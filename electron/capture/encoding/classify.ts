import { toGrey, type Raster } from './raster';

/** `stamped`: a text page with colour confined to a small area (a seal, a signature in blue ink). */
export type PageContent = 'text' | 'stamped' | 'photo';

/** A rectangle in pixels, top-left origin. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageClass {
  content: PageContent;
  /** Grey level between toner and paper: the binariser's threshold for a text page. */
  threshold: number;
  /** Thin strokes (hairlines of Latin serif type, fine table rules) may be this light and still be ink. */
  ridge: number;
  /** Share of sampled pixels close to the paper's tone. */
  paper: number;
  /** The paper's mean grey level: a stamped page's colour area is lifted so this is white. */
  paperTone: number;
  /**
   * Share of sampled pixels that are mid-tones away from any edge. On a text page mid-tones
   * are only the anti-aliased edges of strokes; a photo is full of smooth mid-tone areas.
   */
  flatMidtones: number;
  /** Share of sampled pixels with a clear colour (a red seal, a photo). */
  coloured: number;
  /** Where the colour is: the cells of the page with a fair share of coloured pixels, boxed. */
  colourBox?: PixelBox;
}

/** Chroma (max − min of R, G, B) above this is colour, not scanner noise on grey. */
const CHROMA = 60;
const PAPER_SHARE = 0.5;
const FLAT_MIDTONE_SHARE = 0.01;
/** Toner must stand this far from paper for bilevel to keep it; faint pages stay grey. */
const MIN_CONTRAST = 64;
/** Colour cells: about 7.6 mm square; a cell is coloured from this share of its samples on. */
const CELL_INCH = 0.3;
const CELL_COLOURED = 0.04;
/** Colour on more than this share of the page is no seal: the whole page goes to JPEG. */
const STAMP_AREA = 0.2;

/**
 * Text page or photo? A text page is mostly paper, and what is not paper is toner with thin
 * anti-aliased edges: its histogram has two clear peaks, and its mid-tones all sit on an edge.
 * A photo has smooth mid-tone areas, and brings colour. Colour always goes to JPEG — a red
 * seal must stay red — but a text page whose colour sits in one small area (a seal) is
 * `stamped`: bilevel for the page, JPEG for that area. Colour fringes along black type (a
 * scanner's misregistered channels) are scattered thinly and do not make a cell coloured.
 * Sampling every third pixel (at 200 dpi) is enough and cheap.
 */
export function classifyPage(r: Raster, dpi: number, grey: Uint8Array = toGrey(r)): PageClass {
  const step = Math.max(1, Math.round(dpi / 60));
  const reach = Math.max(1, Math.round(dpi / 100));
  const w = r.width;
  const hist = new Uint32Array(256);
  let samples = 0;
  let coloured = 0;
  const cell = Math.max(step, Math.round(dpi * CELL_INCH));
  const cols = Math.ceil(w / cell);
  const cellColoured = new Uint32Array(cols * Math.ceil(r.height / cell));
  const cellSamples = new Uint32Array(cellColoured.length);
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
        const c = Math.floor(y / cell) * cols + Math.floor(x / cell);
        cellSamples[c]!++;
        if (hi - lo > CHROMA) {
          coloured++;
          cellColoured[c]!++;
        }
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
  // Within a quarter of the toner-to-paper span of the paper (at least 16 levels: a blank page
  // has no toner, and its "span" is only sensor noise).
  const paperFrom = paperTone - Math.max(span, MIN_CONTRAST) / 4;
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
    // A blank page has no toner: its two "classes" are sensor noise, which must stay white.
    threshold: span >= MIN_CONTRAST ? Math.round((toner + paperTone) / 2) : Math.max(0, Math.round(paperTone - MIN_CONTRAST)),
    ridge: span >= MIN_CONTRAST ? Math.round(toner + (paperTone - toner) * 0.82) : Math.max(0, Math.round(paperTone - MIN_CONTRAST)),
    paper: paper / samples,
    paperTone: Math.round(paperTone),
    flatMidtones: flat / samples,
    coloured: coloured / samples,
  };
  // Even a small coloured mark (a seal, a tick in red) keeps its colour; a blank page with
  // specks of colour noise has no coloured cell.
  const box = r.channels === 3 ? colourCells(cellColoured, cellSamples, cols, cell, r.width, r.height) : undefined;
  const blank = c.paper > 0.995;
  const textLike = blank || (c.paper >= PAPER_SHARE && c.flatMidtones < FLAT_MIDTONE_SHARE && span >= MIN_CONTRAST);
  if (textLike && !box) return { content: 'text', ...c };
  if (textLike && box && box.width * box.height <= STAMP_AREA * r.width * r.height) return { content: 'stamped', ...c, colourBox: box };
  return { content: 'photo', ...c };
}

/** The bounding box of the coloured cells, one cell of margin around it, or undefined if none. */
function colourCells(
  colouredIn: Uint32Array,
  samplesIn: Uint32Array,
  cols: number,
  cell: number,
  width: number,
  height: number,
): PixelBox | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let c = 0; c < colouredIn.length; c++) {
    if (!samplesIn[c] || colouredIn[c]! < CELL_COLOURED * samplesIn[c]!) continue;
    const cx = c % cols;
    const cy = Math.floor(c / cols);
    x0 = Math.min(x0, cx);
    y0 = Math.min(y0, cy);
    x1 = Math.max(x1, cx);
    y1 = Math.max(y1, cy);
  }
  if (x1 < 0) return undefined;
  const x = Math.max(0, (x0 - 1) * cell);
  const y = Math.max(0, (y0 - 1) * cell);
  return { x, y, width: Math.min(width, (x1 + 2) * cell) - x, height: Math.min(height, (y1 + 2) * cell) - y };
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
