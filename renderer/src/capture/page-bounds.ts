/** A rectangle in pixels of the frame it was found in. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Otsu's threshold over a grey histogram: the split that best separates page and desk. */
function otsu(gray: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of gray) hist[v] = (hist[v] ?? 0) + 1;
  const total = gray.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Finds the page on a downscaled grey frame: threshold the frame, take the desk to be the class
 * most of the frame's border belongs to, and bound the rows and columns where the page class
 * dominates. Returns undefined when nothing page-like stands out (the clerk crops by hand).
 */
export function findPageBounds(gray: Uint8Array, width: number, height: number): Rect | undefined {
  if (width < 8 || height < 8 || gray.length < width * height) return undefined;
  const t = otsu(gray);
  let borderBright = 0;
  let borderCount = 0;
  for (let x = 0; x < width; x++) {
    borderBright += (gray[x]! > t ? 1 : 0) + (gray[(height - 1) * width + x]! > t ? 1 : 0);
    borderCount += 2;
  }
  for (let y = 0; y < height; y++) {
    borderBright += (gray[y * width]! > t ? 1 : 0) + (gray[y * width + width - 1]! > t ? 1 : 0);
    borderCount += 2;
  }
  const deskBright = borderBright * 2 > borderCount;
  const isPage = (v: number) => v > t !== deskBright;
  const rowHits = new Array<number>(height).fill(0);
  const colHits = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (isPage(gray[y * width + x]!)) {
        rowHits[y]!++;
        colHits[x]!++;
      }
    }
  }
  // Text on the page is the desk's class too, so a row counts as page when a fair share is page.
  const span = (hits: number[], across: number) => {
    const min = across * 0.3;
    const first = hits.findIndex((h) => h >= min);
    let last = -1;
    for (let i = hits.length - 1; i >= 0; i--)
      if (hits[i]! >= min) {
        last = i;
        break;
      }
    return first < 0 ? undefined : { from: first, to: last };
  };
  const rows = span(rowHits, width);
  const cols = span(colHits, height);
  if (!rows || !cols) return undefined;
  const rect = { x: cols.from, y: rows.from, width: cols.to - cols.from + 1, height: rows.to - rows.from + 1 };
  const share = (rect.width * rect.height) / (width * height);
  if (share < 0.15 || share > 0.97) return undefined;
  return rect;
}

/** Scales a rectangle found on a downscaled frame back to the full frame. */
export function scaleRect(r: Rect, factor: number, maxW: number, maxH: number): Rect {
  const x = Math.max(0, Math.floor(r.x * factor));
  const y = Math.max(0, Math.floor(r.y * factor));
  return { x, y, width: Math.min(maxW - x, Math.ceil(r.width * factor)), height: Math.min(maxH - y, Math.ceil(r.height * factor)) };
}
