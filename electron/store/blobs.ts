import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { log } from '../log';
import type { Db } from './database';

export const MAX_BLOB_BYTES = 200 * 1024 * 1024;

export interface BlobRef {
  sha256: string;
  size: number;
  mime: string;
}

/**
 * Content-addressed files under `<dataDir>/blobs/ab/abcdef…`. The file is written to a
 * temporary name, fsynced and renamed (and the folder fsynced) before the row that names it
 * commits, so a committed row never points at a missing or torn file.
 */
export class BlobStore {
  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('VALIDATION', '材料文件编号无效');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  put(bytes: Uint8Array, mime: string): BlobRef {
    if (bytes.byteLength > MAX_BLOB_BYTES) {
      throw new AppError(
        'TOO_LARGE',
        `文件过大（${Math.round(bytes.byteLength / 1048576)} MB），单个材料不能超过 ${MAX_BLOB_BYTES / 1048576} MB：请降低扫描分辨率或分成几份上传`,
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = openSync(tmp, 'w');
      try {
        let off = 0;
        while (off < bytes.byteLength) off += writeSync(fd, bytes, off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      fsyncDir(dirname(file));
    }
    this.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)')
      .run(sha256, bytes.byteLength, mime, new Date().toISOString());
    return { sha256, size: bytes.byteLength, mime };
  }

  get(sha256: string): Uint8Array {
    const file = this.pathOf(sha256);
    if (!existsSync(file)) throw new AppError('NOT_FOUND', '材料文件不存在（可能已被移动或删除），请重新采集');
    return readFileSync(file);
  }

  info(sha256: string): BlobRef | undefined {
    return this.db.prepare('SELECT sha256, size, mime FROM blobs WHERE sha256 = ?').get(sha256) as BlobRef | undefined;
  }

  /** Re-hashes a stored file; a mismatch means the disk or someone changed it. */
  verify(sha256: string): boolean {
    return createHash('sha256').update(this.get(sha256)).digest('hex') === sha256;
  }

  remove(sha256: string): void {
    unlinkSync(this.pathOf(sha256));
  }

  /**
   * Deletes `blobs/ab/<sha>.<random>.tmp` files a killed process left behind. Only a process
   * holding the data-directory lock may call it: a temp file is otherwise possibly being
   * written right now. Such files never became blobs (the rename is what publishes one), so
   * nothing a row names is lost. Returns how many were removed.
   */
  sweepOrphanedTemps(): number {
    let removed = 0;
    for (const d of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const name of readdirSync(join(this.root, d))) {
        if (!/^[0-9a-f]{64}\.[0-9a-f]+\.tmp$/.test(name)) continue;
        try {
          unlinkSync(join(this.root, d, name));
          removed++;
        } catch {
          // Gone already, or not ours to delete: the next start tries again.
        }
      }
    }
    if (removed > 0) log.info('swept orphaned blob temp files', { count: removed });
    return removed;
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
