import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../../electron/capture/encoding';
import { renderDocument, sampleData } from '../../../electron/documents';

// Our PNG reader against libpng: poppler's pdftoppm writes the same page as PNG (libpng, with
// its adaptive per-row filters: sub, up, average, Paeth) and as raw PGM/PPM to compare with.
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-png-'));
  await writeFile(join(dir, 'notice.pdf'), await renderDocument('correction-notice', sampleData('correction-notice')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function netpbmPixels(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const m = /^P[56]\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 32).toString('latin1'))!;
  return { width: Number(m[1]), height: Number(m[2]), pixels: bytes.subarray(m[0].length) };
}

describe('decodePng against libpng', () => {
  it('reads a colour page written by pdftoppm (rows use all five filters) exactly as its raw twin', async () => {
    const base = join(dir, 'colour');
    await run('pdftoppm', ['-r', '60', '-png', '-singlefile', join(dir, 'notice.pdf'), base]);
    await run('pdftoppm', ['-r', '60', '-singlefile', join(dir, 'notice.pdf'), base]);
    const png = decodePng(new Uint8Array(await readFile(`${base}.png`)));
    const raw = netpbmPixels(await readFile(`${base}.ppm`));
    expect([png.width, png.height, png.channels]).toEqual([raw.width, raw.height, 3]);
    expect(Buffer.from(png.pixels).equals(raw.pixels.subarray(0, png.pixels.length))).toBe(true);
  });

  it('refuses what is not a PNG rather than guessing', () => {
    expect(() => decodePng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]))).toThrow();
  });
});
