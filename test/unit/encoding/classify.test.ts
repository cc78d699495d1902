import { describe, expect, it } from 'vitest';
import { classifyPage, encodeScannedPage, type Raster } from '../../../electron/capture/encoding';
import { encodePng } from '../../../electron/documents/png';

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
}

/** A4 at 100 dpi: off-white paper with sensor noise, and whatever `ink` paints. */
function page(ink: (x: number, y: number) => number | undefined, noise = 4): Raster {
  const width = 827;
  const height = 1169;
  const rand = seeded(9);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels[y * width + x] = Math.max(0, Math.min(255, (ink(x, y) ?? 232) + (rand() - 0.5) * 2 * noise));
  return { width, height, channels: 1, pixels };
}

describe('page classifier', () => {
  it('keeps a blank page white: sensor noise is not toner', () => {
    const blank = page(() => undefined);
    expect(classifyPage(blank, 100).content).toBe('text');
    const out = encodeScannedPage({ format: 'png', bytes: encodePng(blank.width, blank.height, 1, blank.pixels), dpi: 100 });
    expect(out.page.kind).toBe('ccitt-g4');
    // All white codes in a few bytes per line at most.
    expect(out.page.kind === 'ccitt-g4' && out.page.data.length).toBeLessThan(2000);
  });

  it('calls a grey gradient (a photo-like page without colour) a photo', () => {
    const gradient = page((x, y) => 40 + ((x + y) / (827 + 1169)) * 190);
    expect(classifyPage(gradient, 100).content).toBe('photo');
  });

  it('calls ruled lines of dark text on paper text', () => {
    const lines = page((x, y) => (x > 80 && x < 740 && y > 100 && y % 40 < 12 && (x >> 3) % 3 !== 0 ? 40 : undefined));
    expect(classifyPage(lines, 100).content).toBe('text');
  });

  it('calls a faint page (toner barely darker than paper) a photo, so it stays grey rather than vanish', () => {
    const faint = page((x, y) => (y % 40 < 12 && x > 80 && x < 740 ? 200 : undefined));
    expect(classifyPage(faint, 100).content).toBe('photo');
  });
});
