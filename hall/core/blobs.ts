import { createHash } from 'node:crypto';
import type { BlobState } from '../../electron/sync/wire';
import type { Sql } from '../store/sql';

/**
 * Blobs tus-style (protocol section 3), stored in the database as chunks so one backup holds
 * everything and every hall process sees the same state. A chunk is appended only at the hall's
 * offset, in a transaction with the new offset: an acknowledged chunk is durable and never twice.
 */
export type ChunkOutcome =
  { ok: true; state: BlobState } | { ok: false; code: 'OFFSET_MISMATCH' | 'HASH_MISMATCH' | 'NOT_FOUND' | 'TOO_LARGE'; offset: number };

interface BlobRow {
  size: number;
  next_offset: number;
  complete: boolean;
}

export async function blobState(sql: Sql, sha: string, size: number, at: string): Promise<BlobState> {
  return sql.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO blobs (sha256, size, next_offset, complete, updated_at) VALUES ($1, $2, 0, $3, $4) ON CONFLICT (sha256) DO NOTHING',
      [sha, size, false, at],
    );
    const [row] = await tx.query<BlobRow>('SELECT size, next_offset, complete FROM blobs WHERE sha256 = $1 FOR UPDATE', [sha]);
    if (!row) throw new Error('blob row vanished');
    if (row.complete || Number(row.size) === size) {
      if (size === 0 && !row.complete) return finish(tx, sha, 0, at);
      return { sha256: sha, size: Number(row.size), offset: Number(row.next_offset), complete: row.complete };
    }
    // The same name announced with another size: a broken earlier attempt; start over.
    await tx.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha]);
    await tx.query('UPDATE blobs SET size = $2, next_offset = 0, complete = $3, updated_at = $4 WHERE sha256 = $1', [sha, size, false, at]);
    if (size === 0) return finish(tx, sha, 0, at);
    return { sha256: sha, size, offset: 0, complete: false };
  });
}

async function finish(tx: { query: Sql['query'] }, sha: string, size: number, at: string): Promise<BlobState> {
  await tx.query('UPDATE blobs SET next_offset = $2, complete = $3, updated_at = $4 WHERE sha256 = $1', [sha, size, true, at]);
  return { sha256: sha, size, offset: size, complete: true };
}

export async function appendChunk(sql: Sql, sha: string, offset: number, bytes: Uint8Array, at: string): Promise<ChunkOutcome> {
  return sql.transaction(async (tx): Promise<ChunkOutcome> => {
    const [row] = await tx.query<BlobRow>('SELECT size, next_offset, complete FROM blobs WHERE sha256 = $1 FOR UPDATE', [sha]);
    if (!row) return { ok: false, code: 'NOT_FOUND', offset: 0 };
    const size = Number(row.size);
    const held = Number(row.next_offset);
    if (row.complete) return { ok: true, state: { sha256: sha, size, offset: size, complete: true } };
    if (offset !== held) return { ok: false, code: 'OFFSET_MISMATCH', offset: held };
    if (offset + bytes.byteLength > size) return { ok: false, code: 'TOO_LARGE', offset: held };
    await tx.query('INSERT INTO blob_chunks (sha256, start_offset, bytes) VALUES ($1, $2, $3)', [sha, offset, bytes]);
    const next = offset + bytes.byteLength;
    if (next < size) {
      await tx.query('UPDATE blobs SET next_offset = $2, updated_at = $3 WHERE sha256 = $1', [sha, next, at]);
      return { ok: true, state: { sha256: sha, size, offset: next, complete: false } };
    }
    const hash = createHash('sha256');
    for (const c of await tx.query<{ bytes: Uint8Array }>('SELECT bytes FROM blob_chunks WHERE sha256 = $1 ORDER BY start_offset', [sha]))
      hash.update(c.bytes);
    if (hash.digest('hex') !== sha) {
      await tx.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha]);
      await tx.query('UPDATE blobs SET next_offset = 0, updated_at = $2 WHERE sha256 = $1', [sha, at]);
      return { ok: false, code: 'HASH_MISMATCH', offset: 0 };
    }
    return { ok: true, state: await finish(tx, sha, size, at) };
  });
}

/** A complete blob's bytes (routed windows download the materials of the cases they receive). */
export async function readBlob(sql: Sql, sha: string): Promise<Uint8Array | null> {
  const [row] = await sql.query<{ complete: boolean }>('SELECT complete FROM blobs WHERE sha256 = $1', [sha]);
  if (!row?.complete) return null;
  const chunks = await sql.query<{ bytes: Uint8Array }>('SELECT bytes FROM blob_chunks WHERE sha256 = $1 ORDER BY start_offset', [sha]);
  return new Uint8Array(Buffer.concat(chunks.map((c) => c.bytes)));
}
