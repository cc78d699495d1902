import { webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { BlobStore } from '../store/blobs';
import type { Db } from '../store/database';
import { PlatformRefusal, type PlatformClient } from './client';
import { PLATFORM_CODES } from './wire';

/** The local file behind an event's blobRef is gone or damaged: the event cannot be sent as is. */
export class LocalBlobProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalBlobProblem';
  }
}

export interface BlobUploadResult {
  sha256: string;
  /** Bytes this call sent; 0 when the platform already held the blob. */
  bytesSent: number;
  skipped: boolean;
}

export function blobKnownOnPlatform(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM sync_blobs_on_platform WHERE sha256 = ?').get(sha256) !== undefined;
}

/** One chunk read from the local file and hashed for its request signature. */
interface PreparedChunk {
  offset: number;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Reads a chunk through the thread pool and hashes it with WebCrypto (also off the main thread),
 * so preparing the next chunk overlaps the upload of this one instead of following it.
 */
async function prepareChunk(file: FileHandle, sha256: string, offset: number, length: number): Promise<PreparedChunk> {
  const bytes = new Uint8Array(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await file.read(bytes, read, length - read, offset + read);
    if (bytesRead === 0) throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 在本机被截断：请从备份恢复该文件`);
    read += bytesRead;
  }
  const digest = await webcrypto.subtle.digest('SHA-256', bytes);
  return { offset, bytes, sha256: Buffer.from(digest).toString('hex') };
}

/**
 * Makes sure the platform holds a blob, tus-style: ask the platform for its offset, send chunks
 * from there, and after a cut ask again rather than trusting what we think we sent. A blob the
 * platform already holds (e.g. a material reused across cases) is never sent again.
 * Network failures propagate (the relay backs off and calls again, resuming from the offset).
 *
 * Chunks still go one at a time (the platform appends at its offset), but while one is on the
 * wire the next is read and hashed: the platform's answer is usually "offset + length", and when
 * it is not the prepared chunk is dropped and the one at the platform's offset read instead.
 */
export async function ensureBlobOnPlatform(
  db: Db,
  blobs: BlobStore,
  client: PlatformClient,
  sha256: string,
  chunkBytes: number,
  now: () => string,
  /** Called after each request the platform answered with progress (the relay resets its backoff). */
  onProgress: () => void = () => undefined,
): Promise<BlobUploadResult> {
  if (blobKnownOnPlatform(db, sha256)) return { sha256, bytesSent: 0, skipped: true };
  const path = blobs.pathOf(sha256);
  if (!existsSync(path))
    throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 在本机不存在：请从备份恢复该文件，或重新采集后在同步面板中重试`);
  const file = await open(path, 'r');
  let upcoming: Promise<PreparedChunk> | undefined;
  const prepare = (offset: number, size: number): Promise<PreparedChunk> => {
    const p = prepareChunk(file, sha256, offset, Math.min(chunkBytes, size - offset));
    // Awaited below when used; a prepared chunk that is dropped must not be an unhandled rejection.
    p.catch(() => undefined);
    return p;
  };
  try {
    const size = (await file.stat()).size;
    let state = await client.blobState(sha256, size);
    onProgress();
    let bytesSent = 0;
    let hashRefusals = 0;
    // Every pass either moves the offset forward or ends; the bound only guards against a
    // platform that keeps answering with the same offset.
    const maxPasses = Math.ceil(size / chunkBytes) * 3 + 10;
    for (let pass = 0; !state.complete && pass < maxPasses; pass++) {
      const prepared = upcoming ? await upcoming : undefined;
      const chunk = prepared && prepared.offset === state.offset ? prepared : await prepare(state.offset, size);
      const following = chunk.offset + chunk.bytes.byteLength;
      upcoming = following < size ? prepare(following, size) : undefined;
      try {
        state = await client.uploadChunk(sha256, chunk.offset, chunk.bytes, chunk.sha256);
        bytesSent += chunk.bytes.byteLength;
        onProgress();
      } catch (err) {
        if (!(err instanceof PlatformRefusal)) throw err;
        if (err.code === PLATFORM_CODES.offsetMismatch && err.offset !== undefined) {
          state = { ...state, offset: err.offset };
        } else if (err.code === PLATFORM_CODES.hashMismatch) {
          if (!blobs.verify(sha256) || ++hashRefusals >= 2) {
            throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 内容与其编号不符（本机文件已损坏）：请从备份恢复或重新采集`);
          }
          state = await client.blobState(sha256, size);
        } else {
          throw err;
        }
      }
    }
    if (!state.complete) throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 上传未能完成：请在同步面板中重试`);
    db.prepare('INSERT OR IGNORE INTO sync_blobs_on_platform (sha256, size, confirmed_at) VALUES (?, ?, ?)').run(sha256, size, now());
    return { sha256, bytesSent, skipped: bytesSent === 0 };
  } finally {
    // A read still in flight must finish before its file handle closes.
    await upcoming?.catch(() => undefined);
    await file.close();
  }
}
