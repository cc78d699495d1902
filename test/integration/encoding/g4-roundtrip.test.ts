import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEncodedPage, encodeG4, type Bilevel } from '../../../electron/capture/encoding';

// Our G4 encoder against two real CCITT decoders: poppler's (pdfimages extracts the decoded
// bitmap) and MuPDF's (mutool draw renders the page at one pixel per image pixel).
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-g4-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
}

function image(width: number, height: number, black: (x: number, y: number) => boolean): Bilevel {
  const px = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px[y * width + x] = black(x, y) ? 1 : 0;
  return { width, height, black: px };
}

/** P4 (PBM) or P5 (PGM, black below mid-grey) back to one byte per pixel. */
function readNetpbm(bytes: Buffer): Bilevel {
  const m = /^(P[45])\s+(\d+)\s+(\d+)\s+(?:(\d+)\s)?/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  const width = Number(m[2]);
  const height = Number(m[3]);
  const data = bytes.subarray(m[0].length);
  const black = new Uint8Array(width * height);
  const stride = Math.ceil(width / 8);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      black[y * width + x] = m[1] === 'P4' ? (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 : data[y * width + x]! < 128 ? 1 : 0;
  return { width, height, black };
}

function differing(a: Bilevel, b: Bilevel): number {
  let n = 0;
  for (let i = 0; i < a.black.length; i++) if (a.black[i] !== b.black[i]) n++;
  return n;
}

async function roundTrip(name: string, img: Bilevel): Promise<{ poppler: Bilevel; mupdf: Bilevel; bytes: number }> {
  const data = encodeG4(img);
  const doc = await PDFDocument.create();
  // 72 dpi: one image pixel per PDF point, so a 72 dpi render is pixel for pixel.
  await addEncodedPage(doc, { kind: 'ccitt-g4', data, width: img.width, height: img.height, dpi: 72 });
  const pdf = join(dir, `${name}.pdf`);
  await writeFile(pdf, await doc.save());
  await run('pdfimages', [pdf, join(dir, name)]);
  const extracted = (await readdir(dir)).find((f) => f.startsWith(`${name}-`) && f.endsWith('.pbm'))!;
  await run('mutool', ['draw', '-q', '-r', '72', '-c', 'gray', '-o', join(dir, `${name}.pgm`), pdf]);
  return {
    poppler: readNetpbm(await readFile(join(dir, extracted))),
    mupdf: readNetpbm(await readFile(join(dir, `${name}.pgm`))),
    bytes: data.length,
  };
}

describe('CCITT G4 encoder through real decoders', () => {
  const rand = seeded(42);
  const cases: [string, Bilevel][] = [
    ['blank', image(1654, 40, () => false)],
    // Runs longer than 2560 need extended make-up codes, repeated.
    ['solid-wide', image(5300, 6, () => true)],
    ['long-runs', image(5300, 12, (x, y) => (y % 3 === 0 && x > 5) || (y % 5 === 1 && x < 5297) || x === 5299)],
    // Every run length 0..~200 of both colours, and lines that shift by 0..±3 (vertical modes) or more.
    ['stairs', image(1700, 64, (x, y) => Math.floor((x + y * y) / (1 + (y % 37))) % 2 === 0)],
    // The worst case: no structure, every mode and short run.
    ['noise', image(333, 97, () => rand() < 0.5)],
    ['edges', image(9, 9, (x, y) => x === 0 || x === 8 || y === 8)],
  ];
  for (const [name, img] of cases) {
    it(`decodes "${name}" (${img.width}×${img.height}) to the same pixels in poppler and MuPDF`, async () => {
      const out = await roundTrip(name, img);
      expect([out.poppler.width, out.poppler.height]).toEqual([img.width, img.height]);
      expect([out.mupdf.width, out.mupdf.height]).toEqual([img.width, img.height]);
      expect(differing(out.poppler, img)).toBe(0);
      expect(differing(out.mupdf, img)).toBe(0);
    });
  }

  it('codes a blank A4 line in a couple of bits, not a byte per pixel', async () => {
    expect(encodeG4(image(1654, 2339, () => false)).length).toBeLessThan(300);
  });
});
