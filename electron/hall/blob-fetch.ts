import { createHash } from 'node:crypto';
import type { BlobStore } from '../store/blobs';
import type { Db } from '../store/database';
import { PlatformRefusal, type PlatformClient } from '../sync/client';

/** Notes blobs a replicated case or project names, so they are fetched from the hall. */
export function queueBlobFetches(db: Db, shas: readonly string[], at: string): void {
  const have = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  const queue = db.prepare('INSERT INTO hall_blob_fetches (sha256, requested_at) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING');
  for (const sha of shas) if (/^[0-9a-f]{64}$/.test(sha) && !have.get(sha)) queue.run(sha, at);
}

const MAX_ATTEMPTS = 20;

/** The kind of a material file by its first bytes (materials are PDFs or images). */
function mimeOf(bytes: Uint8Array): string {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  return 'application/octet-stream';
}

/**
 * Downloads the queued blobs (`GET /v1/blobs/<sha256>`, signed response) and stores each only
 * when its bytes hash to its name: a material reused at this window is the very file the other
 * window scanned. Stops at the first unreachable answer (the next pull tries again).
 */
export async function fetchMissingBlobs(db: Db, blobs: BlobStore, client: PlatformClient, iso: () => string): Promise<void> {
  const pending = db
    .prepare('SELECT sha256 FROM hall_blob_fetches WHERE fetched_at IS NULL AND attempts < ? ORDER BY requested_at')
    .all(MAX_ATTEMPTS) as { sha256: string }[];
  const done = db.prepare('UPDATE hall_blob_fetches SET fetched_at = ?, last_error = NULL WHERE sha256 = ?');
  const failed = db.prepare('UPDATE hall_blob_fetches SET attempts = attempts + 1, last_error = ? WHERE sha256 = ?');
  for (const { sha256 } of pending) {
    if (db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256)) {
      done.run(iso(), sha256);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await client.download(`/v1/blobs/${sha256}`);
    } catch (err) {
      if (err instanceof PlatformRefusal) {
        failed.run(`${err.code}: ${err.message}`, sha256);
        continue;
      }
      throw err;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      failed.run('大厅服务器给出的文件与其哈希不符', sha256);
      continue;
    }
    blobs.put(bytes, mimeOf(bytes));
    done.run(iso(), sha256);
  }
}
