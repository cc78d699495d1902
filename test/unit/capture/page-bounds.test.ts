import { describe, expect, it } from 'vitest';
import { findPageBounds, scaleRect } from '../../../renderer/src/capture/page-bounds';

function frame(
  w: number,
  h: number,
  desk: number,
  page: number,
  rect: { x: number; y: number; width: number; height: number },
): Uint8Array {
  const px = new Uint8Array(w * h).fill(desk);
  for (let y = rect.y; y < rect.y + rect.height; y++) px.fill(page, y * w + rect.x, y * w + rect.x + rect.width);
  return px;
}

describe('findPageBounds', () => {
  it('finds a white page on a dark desk', () => {
    const r = { x: 30, y: 20, width: 120, height: 160 };
    expect(findPageBounds(frame(200, 200, 40, 235, r), 200, 200)).toEqual(r);
  });

  it('finds a dark page on a light background, ignoring text-like marks inside it', () => {
    const r = { x: 50, y: 10, width: 100, height: 130 };
    const px = frame(200, 150, 230, 60, r);
    // "text": light strokes inside the page, the desk's class after thresholding.
    for (let y = 30; y < 120; y += 10) px.fill(230, y * 200 + 60, y * 200 + 130);
    expect(findPageBounds(px, 200, 150)).toEqual(r);
  });

  it('gives up on a frame with no page (the clerk crops by hand)', () => {
    expect(findPageBounds(new Uint8Array(100 * 100).fill(128), 100, 100)).toBeUndefined();
    const full = frame(100, 100, 30, 220, { x: 0, y: 0, width: 100, height: 100 });
    expect(findPageBounds(full, 100, 100)).toBeUndefined();
  });

  it('scales a rectangle back to the full frame without leaving it', () => {
    expect(scaleRect({ x: 10, y: 5, width: 95, height: 50 }, 4, 400, 220)).toEqual({ x: 40, y: 20, width: 360, height: 200 });
  });
});
