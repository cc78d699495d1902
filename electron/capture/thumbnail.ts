import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small PNG data URL of a scanned page for the thumbnail strip. Node has no image decoder
 * here, so MuPDF's `mutool draw` (Debian mupdf-tools, beside SANE on the same Linux machines)
 * scales the page; without it the strip shows page numbers only (an empty string).
 */
export async function thumbnailDataUrl(bytes: Uint8Array, format: 'jpeg' | 'png', width = 96): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ow-thumb-'));
  try {
    const src = join(dir, `page.${format === 'jpeg' ? 'jpg' : 'png'}`);
    const out = join(dir, 'thumb.png');
    await writeFile(src, bytes);
    const ok = await new Promise<boolean>((resolve) => {
      execFile('mutool', ['draw', '-q', '-F', 'png', '-w', String(width), '-o', out, src, '1'], { timeout: 10_000 }, (err) => resolve(!err));
    });
    if (!ok) return '';
    return 'data:image/png;base64,' + (await readFile(out)).toString('base64');
  } catch {
    return '';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
