import type { Bilevel } from './g4-encoder';

/**
 * Grey to black and white at a global threshold, then lone black pixels (dust, scanner noise)
 * are dropped: a single pixel at 200 dpi is 0.13 mm, thinner than any stroke of a printed
 * character, and each one costs the G4 coder two runs on two lines.
 */
export function binarize(grey: Uint8Array, width: number, height: number, threshold: number): Bilevel {
  const black = new Uint8Array(width * height);
  for (let i = 0; i < black.length; i++) black[i] = grey[i]! <= threshold ? 1 : 0;
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
