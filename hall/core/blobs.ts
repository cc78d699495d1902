import { createHash } from 'node:crypto';
import type { BlobState } from '../../electron/sync/wire';
import type { Sql } from '../store/sql';

/**
 * Blobs tus-style (protocol section 3), stored in the database as chunks so one backup holds
 * everything and every hall process sees the same state. A chunk is appended only at the hall's
 * offset, in a transaction with the new offset: an acknowledged chunk is durable and never twice.
 */
/*
 * Chunk bytes cross the driver as base64 text (decode/encode are standard PostgreSQL): the
 * embedded engine encodes a BYTEA parameter in JavaScript at about 200 ms per MB, base64 text
 * at about 16 ms per MB; reading back is 70 vs 5 ms per MB. PostgreSQL pays a third more bytes.
 */
const CHUNKS_IN_ORDER = "SELECT encode(bytes, 'base64') AS b64 FROM blob_chunks WHERE sha256 = $1 ORDER BY start_offset";
const fromBase64 = (rows: readonly { b64: string }[]): Buffer[] => rows.map((r) => Buffer.from(r.b64, 'base64'));

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
    await tx.query("INSERT INTO blob_chunks (sha256, start_offset, bytes) VALUES ($1, $2, decode($3, 'base64'))", [
      sha,
      offset,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    ]);
    const next = offset + bytes.byteLength;
    if (next < size) {
      await tx.query('UPDATE blobs SET next_offset = $2, updated_at = $3 WHERE sha256 = $1', [sha, next, at]);
      return { ok: true, state: { sha256: sha, size, offset: next, complete: false } };
    }
    const hash = createHash('sha256');
    for (const c of fromBase64(await tx.query<{ b64: string }>(CHUNKS_IN_ORDER, [sha]))) hash.update(c);
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
  return new Uint8Array(Buffer.concat(fromBase64(await sql.query<{ b64: string }>(CHUNKS_IN_ORDER, [sha]))));
}
