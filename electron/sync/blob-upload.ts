import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
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

/**
 * Makes sure the platform holds a blob, tus-style: ask the platform for its offset, send chunks
 * from there, and after a cut ask again rather than trusting what we think we sent. A blob the
 * platform already holds (e.g. a material reused across cases) is never sent again.
 * Network failures propagate (the relay backs off and calls again, resuming from the offset).
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
  const file = blobs.pathOf(sha256);
  if (!existsSync(file)) throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 在本机不存在：请从备份恢复该文件，或重新采集后在同步面板中重试`);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let state = await client.blobState(sha256, size);
    onProgress();
    let bytesSent = 0;
    let hashRefusals = 0;
    // Every pass either moves the offset forward or ends; the bound only guards against a
    // platform that keeps answering with the same offset.
    const maxPasses = Math.ceil(size / chunkBytes) * 3 + 10;
    for (let pass = 0; !state.complete && pass < maxPasses; pass++) {
      const length = Math.min(chunkBytes, size - state.offset);
      const chunk = new Uint8Array(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, chunk, read, length - read, state.offset + read);
        if (n === 0) throw new LocalBlobProblem(`材料文件 ${sha256.slice(0, 12)}… 在本机被截断：请从备份恢复该文件`);
        read += n;
      }
      try {
        state = await client.uploadChunk(sha256, state.offset, chunk);
        bytesSent += length;
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
    closeSync(fd);
  }
}
