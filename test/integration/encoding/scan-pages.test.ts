import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoPage, scannerJpeg, SCAN_DPI, stampedPage, textPage } from '../../../bench/scan-pages';
import { classifyPage, decodePng, encodeScannedPage, type Raster } from '../../../electron/capture/encoding';
import { encodePng } from '../../../electron/documents/png';
import { pagesToPdf } from '../../../electron/devices/scanner';
import { saneTestConfig } from '../scanner/sane';

// The realistic pages of bench/scan-pages.ts (a rendered notice through a scanner model, the
// same with a red seal, a photo) through the classifier and into a material PDF that poppler,
// MuPDF and zbar read.
const run = promisify(execFile);
let dir: string;
let text: Raster;
let stamped: Raster;
let photo: Raster;
let jpegs: { text: Uint8Array; stamped: Uint8Array; photo: Uint8Array };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ow-scanenc-'));
  text = await textPage();
  stamped = await stampedPage();
  photo = photoPage();
  jpegs = { text: scannerJpeg(text), stamped: scannerJpeg(stamped), photo: scannerJpeg(photo) };
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('page classifier on realistic scans', () => {
  it('sees the scanned notice as text: mostly paper, mid-tones only on stroke edges, no colour', () => {
    const c = classifyPage(text, SCAN_DPI);
    expect(c.content).toBe('text');
    expect(c.paper).toBeGreaterThan(0.8);
    expect(c.coloured).toBe(0);
  });

  it('sees the notice with a red seal as stamped, with the colour boxed around the seal', () => {
    const c = classifyPage(stamped, SCAN_DPI);
    expect(c.content).toBe('stamped');
    expect(c.coloured).toBeGreaterThan(0.001);
    // The seal: 42 mm across, centred 45 mm from the right and 40 mm from the bottom edge.
    const mm = SCAN_DPI / 25.4;
    const box = c.colourBox!;
    expect(box.x).toBeLessThanOrEqual(stamped.width - 66 * mm);
    expect(box.x + box.width).toBeGreaterThanOrEqual(stamped.width - 24 * mm);
    expect(box.y).toBeLessThanOrEqual(stamped.height - 61 * mm);
    expect(box.y + box.height).toBeGreaterThanOrEqual(stamped.height - 19 * mm);
    expect(box.width * box.height).toBeLessThan(0.1 * stamped.width * stamped.height);
  });

  it('sees the photo as a photo, in colour and in grey alike (smooth mid-tone areas)', () => {
    expect(classifyPage(photo, SCAN_DPI).content).toBe('photo');
    const grey = classifyPage({ ...photo, channels: 1, pixels: greyOf(photo) }, SCAN_DPI);
    expect(grey.content).toBe('photo');
    expect(grey.flatMidtones).toBeGreaterThan(0.05);
  });
});

function greyOf(r: Raster): Uint8Array {
  const out = new Uint8Array(r.width * r.height);
  for (let i = 0; i < out.length; i++) out[i] = (r.pixels[i * 3]! + r.pixels[i * 3 + 1]! + r.pixels[i * 3 + 2]!) / 3;
  return out;
}

describe('material PDF of the realistic pages', () => {
  it('stores the text page as G4 within 150 KB, the stamped page as G4 with its seal in JPEG, the photo as JPEG, and poppler and MuPDF open it', async () => {
    const pages = [jpegs.text, jpegs.stamped, jpegs.photo].map((bytes, i) => ({
      index: i + 1,
      format: 'jpeg' as const,
      bytes,
      dpi: SCAN_DPI,
    }));
    const pdf = await pagesToPdf(pages, { title: '补正材料' });
    const file = join(dir, 'material.pdf');
    await writeFile(file, pdf);
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Pages:\s+3/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    const list = (await run('pdfimages', ['-list', file])).stdout
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    expect(list.map((c) => [c[0], c[5], c[7], c[8]])).toEqual([
      ['1', 'gray', '1', 'ccitt'],
      ['2', 'gray', '1', 'ccitt'],
      ['2', 'rgb', '8', 'jpeg'],
      ['3', 'rgb', '8', 'jpeg'],
    ]);
    const g4 = encodeScannedPage(pages[0]!);
    expect(g4.page.kind).toBe('ccitt-g4');
    expect(g4.page.kind === 'ccitt-g4' && g4.page.data.length).toBeLessThanOrEqual(150 * 1024);
    expect(g4.page.kind === 'ccitt-g4' && g4.page.data.length).toBeLessThan(jpegs.text.length / 3);
    const { stderr } = await run('mutool', ['draw', '-q', '-o', '/dev/null', file]);
    expect(stderr).not.toMatch(/error/i);
  });

  it('keeps the seal red on the stored stamped page, and the page under 150 KB', async () => {
    const file = join(dir, 'stamped.pdf');
    const pdf = await pagesToPdf([{ index: 1, format: 'jpeg', bytes: jpegs.stamped, dpi: SCAN_DPI }]);
    expect(pdf.length).toBeLessThanOrEqual(150 * 1024);
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', '50', '-singlefile', file, join(dir, 'stamped')]);
    const ppm = await readFile(join(dir, 'stamped.ppm'));
    const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
    const w = Number(m[1]);
    const h = Number(m[2]);
    const px = ppm.subarray(m[0].length);
    const redIn = (x0: number, y0: number, x1: number, y1: number) => {
      let red = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (px[(y * w + x) * 3]! > 150 && px[(y * w + x) * 3 + 1]! < 110) red++;
      return red;
    };
    const mm = 50 / 25.4;
    // Red ink where the seal is; none in the body of the notice.
    expect(redIn(Math.round(w - 66 * mm), Math.round(h - 61 * mm), Math.round(w - 24 * mm), Math.round(h - 19 * mm))).toBeGreaterThan(50);
    expect(redIn(0, 0, w, Math.round(h / 2))).toBe(0);
  });

  it('keeps the text page legible enough that its Code 128 case number and QR link still decode', async () => {
    const file = join(dir, 'text.pdf');
    await writeFile(file, await pagesToPdf([{ index: 1, format: 'jpeg', bytes: jpegs.text, dpi: SCAN_DPI }]));
    await run('pdftoppm', ['-r', String(SCAN_DPI), '-gray', '-png', '-singlefile', file, join(dir, 'text')]);
    const { stdout } = await run('zbarimg', ['--raw', '-q', '-Sbinary', join(dir, 'text.png')]);
    expect(stdout).toContain('330106-20250926-000123');
    expect(stdout).toMatch(/https:\/\/\S+\/verify\//);
  });

  it('re-encodes a photo scanned as PNG to JPEG, and keeps a page it cannot read exactly as scanned', () => {
    const small = { width: 400, height: 300, channels: 3 as const, pixels: new Uint8Array(400 * 300 * 3) };
    for (let y = 0; y < 300; y++)
      for (let x = 0; x < 400; x++)
        small.pixels.set(
          photo.pixels.subarray((y * 4 * photo.width + x * 4) * 3, (y * 4 * photo.width + x * 4) * 3 + 3),
          (y * 400 + x) * 3,
        );
    const png = encodePng(400, 300, 3, small.pixels);
    const out = encodeScannedPage({ format: 'png', bytes: png, dpi: 50 });
    expect(out.content).toBe('photo');
    expect(out.page.kind).toBe('jpeg');
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]);
    const kept = encodeScannedPage({ format: 'jpeg', bytes: broken, dpi: 200 });
    expect(kept).toEqual({ content: 'unreadable', page: { kind: 'jpeg', bytes: broken, dpi: 200 } });
  });
});

/** The first image of a PDF as poppler decodes it (pdfimages writes 1-bit images as PBM). */
async function pdfBitmap(file: string, name: string): Promise<{ width: number; height: number; black: (x: number, y: number) => number }> {
  await run('pdfimages', [file, join(dir, name)]);
  const pbm = await readFile(join(dir, `${name}-000.pbm`));
  const m = /^P4\s+(\d+)\s+(\d+)\s/.exec(pbm.subarray(0, 32).toString('latin1'))!;
  const width = Number(m[1]);
  const stride = Math.ceil(width / 8);
  return { width, height: Number(m[2]), black: (x, y) => (pbm[m[0].length + y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 };
}

describe('pages that are already black and white', () => {
  it('a black-and-white page is stored as G4 bit for bit: the PDF image equals the scanned pixels', async () => {
    // The scanned notice made black and white, as a scanner's line-art mode would deliver it.
    const bw = new Uint8Array(text.width * text.height);
    for (let i = 0; i < bw.length; i++) bw[i] = text.pixels[i]! < 140 ? 0 : 255;
    const bytes = encodePng(text.width, text.height, 1, bw);
    const file = join(dir, 'bw.pdf');
    await writeFile(file, await pagesToPdf([{ index: 1, format: 'png', bytes, dpi: SCAN_DPI }]));
    expect((await run('pdfimages', ['-list', file])).stdout).toMatch(/\bccitt\b/);
    const img = await pdfBitmap(file, 'bw');
    expect([img.width, img.height]).toEqual([text.width, text.height]);
    let differing = 0;
    for (let y = 0; y < text.height; y++)
      for (let x = 0; x < text.width; x++) if (img.black(x, y) !== (bw[y * text.width + x] === 0 ? 1 : 0)) differing++;
    expect(differing).toBe(0);
  });

  it('reads scanimage’s 1-bit PNG of a line-art scan, and keeps it when G4 would not be smaller', async () => {
    const sane = await saneTestConfig();
    try {
      // The test backend's line-art is Gray at depth 1: scanimage writes a 1-bit PNG, as for a
      // real line-art scan. Its grid pattern deflates to a few KB, less than G4 codes it in.
      const png = join(dir, 'lineart.png');
      await writeFile(
        join(sane.dir, 'test.conf'),
        (await readFile(join(sane.dir, 'test.conf'), 'utf8')).replace(/^test-picture .*/m, 'test-picture "Grid"'),
      );
      await run(
        'scanimage',
        ['-d', 'test:0', '--mode', 'Gray', '--depth', '1', '--resolution', '150', '-x', '210', '-y', '297', '--format=png', '-o', png],
        { env: sane.env },
      );
      const bytes = new Uint8Array(await readFile(png));
      expect(bytes[24]).toBe(1); // IHDR bit depth
      const scanned = decodePng(bytes);
      expect([scanned.width, scanned.height, scanned.channels]).toEqual([1240, 1753, 1]);
      expect(new Set(scanned.pixels)).toEqual(new Set([0, 255]));
      const black = scanned.pixels.filter((g) => g === 0).length;
      expect(black).toBeGreaterThan(10_000);
      expect(black).toBeLessThan(scanned.pixels.length / 2);
      expect(encodeScannedPage({ format: 'png', bytes, dpi: 150 })).toMatchObject({ content: 'text', page: { kind: 'png' } });
      const file = join(dir, 'lineart.pdf');
      await writeFile(file, await pagesToPdf([{ index: 1, format: 'png', bytes, dpi: 150 }]));
      expect((await run('pdfinfo', [file])).stdout).toMatch(/Pages:\s+1/);
      await run('pdftoppm', ['-r', '30', '-png', '-singlefile', file, join(dir, 'lineart-view')]);
    } finally {
      await sane.dispose();
    }
  });
});
