import { encodePng } from '../png';

let cached: string | undefined;

/** A pen-like stroke on a transparent background, standing in for a signature-pad capture. */
export function sampleSignaturePng(): string {
  if (cached) return cached;
  const w = 360;
  const h = 120;
  const px = new Uint8Array(w * h * 2);
  const dot = (cx: number, cy: number, r: number) => {
    for (let y = Math.floor(cy - r); y <= cy + r; y++)
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if (x < 0 || y < 0 || x >= w || y >= h || (x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
        px[(y * w + x) * 2 + 1] = 255;
      }
  };
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 20 + t * 320;
    const y = 60 + Math.sin(t * 19) * 28 * (1 - t * 0.5) + Math.cos(t * 7) * 10;
    dot(x, y, 2.2 + Math.sin(t * 40) * 0.6);
  }
  for (let t = 0; t <= 1; t += 0.001) dot(60 + t * 250, 95 - t * 12, 1.6);
  cached = Buffer.from(encodePng(w, h, 2, px)).toString('base64');
  return cached;
}
