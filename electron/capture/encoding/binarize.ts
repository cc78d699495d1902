import type { Bilevel } from './g4-encoder';

export interface BinarizeLevels {
  /** At or below this grey level a pixel is ink. */
  threshold: number;
  /**
   * Up to this lighter level a pixel is still ink when it is the darkest across a line through
   * it: a hairline one pixel wide is blurred by the optics to a light grey that a plain
   * threshold would drop, while the gaps between strokes (local maxima) stay white.
   */
  ridge: number;
}

/** A ridge pixel must be darker than both neighbours across it by this much (above sensor noise). */
const RIDGE_DEPTH = 8;

/**
 * Grey to black and white: a global threshold, plus thin strokes found as ridges, then lone
 * black pixels (dust, noise) are dropped — a single pixel at 200 dpi is 0.13 mm, thinner than
 * any stroke of printed type, and each one costs the G4 coder two runs on two lines.
 */
export function binarize(grey: Uint8Array, width: number, height: number, levels: BinarizeLevels): Bilevel {
  const black = new Uint8Array(width * height);
  const { threshold, ridge } = levels;
  // Horizontal, vertical and both diagonal neighbours, as index offsets.
  const steps = [1, width, width + 1, width - 1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const g = grey[i]!;
      if (g <= threshold) black[i] = 1;
      else if (g <= ridge && x > 1 && y > 1 && x + 2 < width && y + 2 < height) {
        // Across the line one and two pixels out: the optics spread a hairline over two or three pixels.
        for (const d of steps) {
          if (
            Math.min(grey[i - d]!, grey[i + d]!) - g >= RIDGE_DEPTH ||
            Math.min(grey[i - 2 * d]!, grey[i + 2 * d]!) - g >= 2 * RIDGE_DEPTH
          ) {
            black[i] = 1;
            break;
          }
        }
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!black[i]) continue;
      let neighbours = 0;
      for (let dy = -1; dy <= 1 && !neighbours; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx || dy) && xx >= 0 && xx < width && black[yy * width + xx]) {
            neighbours++;
            break;
          }
        }
      }
      if (!neighbours) black[i] = 0;
    }
  }
  return { width, height, black };
}
