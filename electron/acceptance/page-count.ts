/**
 * How many pages a collected file holds, read synchronously at upload and at acceptance so the
 * notice and the receipt can state the pages handed over. A scan or camera PDF written by the
 * workstation has one page object per page; an image is one page. Unreadable structure gives
 * `undefined`: the clerk types the count instead of the paper stating a wrong one.
 */
import { inflateSync } from 'node:zlib';
import type { BlobStore } from '../store/blobs';

const PAGE_OBJECT = /\/Type\s*\/Page(?![a-zA-Z])/g;
const PAGES_COUNT = /\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages/g;

const OBJECT_STREAM = /\/Type\s*\/ObjStm[^]*?stream\r?\n/g;

/** pdf-lib (our scans and camera PDFs) packs page objects into compressed object streams. */
function objectStreamsText(buf: Buffer, text: string): string {
  let out = '';
  for (const m of text.matchAll(OBJECT_STREAM)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      out += inflateSync(buf.subarray(start, end)).toString('latin1');
    } catch {
      // Not Flate or damaged: the other streams may still tell.
    }
  }
  return out;
}

export function countPdfPages(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // latin1 keeps every byte as one character, so binary streams cannot break the scan.
  const plain = buf.toString('latin1');
  const text = plain + objectStreamsText(buf, plain);
  const objects = text.match(PAGE_OBJECT)?.length ?? 0;
  if (objects > 0) return objects;
  // Pages compressed into object streams: the page tree's root /Count is the largest one.
  let most = 0;
  for (const m of text.matchAll(PAGES_COUNT)) most = Math.max(most, Number(m[1] ?? m[2] ?? 0));
  return most > 0 ? most : undefined;
}

export function countPages(bytes: Uint8Array, mime: string): number | undefined {
  if (mime === 'image/jpeg' || mime === 'image/png') return 1;
  if (mime === 'application/pdf') return countPdfPages(bytes);
  return undefined;
}

/** The pages of a material's files together; undefined when any file cannot be counted. */
export function countBlobPages(blobs: BlobStore, refs: readonly string[]): number | undefined {
  let total = 0;
  for (const sha of refs) {
    const meta = blobs.info(sha);
    if (!meta) return undefined;
    const n = countPages(blobs.get(sha), meta.mime);
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}
