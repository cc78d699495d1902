/**
 * Puts a workstation back from a file `onewindow backup` wrote: the SQLite database (a
 * consistent online-backup snapshot) with one extra table, `backup_blobs (sha256, data)`,
 * holding every material file. The backup is checked completely before anything in the data
 * directory changes; what it replaces is moved aside, never deleted (IT may need it).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { checkProblems } from './health';
import { migrations } from './migrations';

export interface RestoreResult {
  blobsWritten: number;
  blobsKept: number;
  /** Where the files the restore replaced were moved, or null when there were none. */
  movedAsideTo: string | null;
}

// The journal anchor (electron/audit/anchor) describes the replaced journal, not the restored one:
// it goes aside with the database it vouched for, and the restored journal starts a new anchor.
const DB_FILES = ['onewindow.db', 'onewindow.db-wal', 'onewindow.db-shm', 'onewindow.db-journal', 'journal-anchor.json'];

/** Checks a backup file without changing anything; returns how many material files it holds. */
export function checkBackup(file: string): number {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `备份文件 ${file} 不存在，请检查路径`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('VALIDATION', `${file} 无法打开，不是一窗通备份文件`);
  }
  try {
    let problems: string[];
    try {
      problems = checkProblems(db, 'integrity_check');
    } catch {
      throw new AppError('VALIDATION', `${file} 不是一窗通备份文件，或已损坏`);
    }
    if (problems.length > 0) throw new AppError('VALIDATION', `备份文件 ${file} 已损坏（完整性检查未通过），请换一份较早的备份`);
    const hasBlobs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backup_blobs'").get();
    const hasJournal = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'").get();
    if (!hasBlobs || !hasJournal) throw new AppError('VALIDATION', `${file} 不是 onewindow backup 生成的备份文件`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) throw new AppError('CONFLICT', `备份来自更新版本的一窗通（数据库版本 ${version}），请先安装新版再恢复`);
    let count = 0;
    for (const row of db.prepare('SELECT sha256, data FROM backup_blobs').iterate() as IterableIterator<{ sha256: string; data: Buffer }>) {
      if (!/^[0-9a-f]{64}$/.test(row.sha256) || createHash('sha256').update(row.data).digest('hex') !== row.sha256) {
        throw new AppError('VALIDATION', `备份文件 ${file} 中有材料文件内容与编号不符（已损坏），请换一份较早的备份`);
      }
      count++;
    }
    return count;
  } finally {
    db.close();
  }
}

/**
 * Restores into `dataDir`. The caller holds the data-directory lock (no workstation running).
 * Steps: check the backup; move the current database files aside; write material files the
 * directory lacks or holds damaged; build the new database beside the old place and rename it in.
 */
export async function restoreBackup(file: string, dataDir: string, stamp: string): Promise<RestoreResult> {
  checkBackup(file);
  mkdirSync(dataDir, { recursive: true });

  let movedAsideTo: string | null = null;
  const present = DB_FILES.filter((f) => existsSync(join(dataDir, f)));
  if (present.length > 0) {
    movedAsideTo = join(dataDir, `replaced-${stamp}`);
    mkdirSync(movedAsideTo, { recursive: true });
    for (const f of present) renameSync(join(dataDir, f), join(movedAsideTo, f));
  }

  const source = new Database(file, { readonly: true, fileMustExist: true });
  let blobsWritten = 0;
  let blobsKept = 0;
  const tmpDb = join(dataDir, `onewindow.db.${randomBytes(4).toString('hex')}.restoring`);
  try {
    const root = join(dataDir, 'blobs');
    for (const row of source.prepare('SELECT sha256, data FROM backup_blobs').iterate() as IterableIterator<{
      sha256: string;
      data: Buffer;
    }>) {
      const target = join(root, row.sha256.slice(0, 2), row.sha256);
      if (existsSync(target) && createHash('sha256').update(readFileSync(target)).digest('hex') === row.sha256) {
        blobsKept++;
        continue;
      }
      mkdirSync(join(root, row.sha256.slice(0, 2)), { recursive: true });
      writeDurably(target, row.data);
      blobsWritten++;
    }
    await source.backup(tmpDb);
  } catch (err) {
    rmSync(tmpDb, { force: true });
    throw err;
  } finally {
    source.close();
  }
  const out = new Database(tmpDb);
  try {
    out.exec('DROP TABLE backup_blobs');
    // So the first start after the restore writes the anchor afresh instead of reading its absence as tampering.
    if (out.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get())
      out.exec("DELETE FROM sync_state WHERE key = 'anchor.created'");
    out.exec('VACUUM');
    out.pragma('journal_mode = WAL');
  } finally {
    out.close();
  }
  const fd = openSync(tmpDb, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmpDb, join(dataDir, 'onewindow.db'));
  return { blobsWritten, blobsKept, movedAsideTo };
}

function writeDurably(target: string, data: Uint8Array): void {
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.byteLength) off += writeSync(fd, data, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
}
