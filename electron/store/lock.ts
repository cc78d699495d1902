import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';

/**
 * One workstation process per data directory: two processes writing one journal would fork
 * the hash chain. The lock is an OS-level lock that SQLite takes on a small lock database
 * (`onewindow.lock.db`): `locking_mode=EXCLUSIVE` plus one write keeps an exclusive lock on the
 * file for as long as the connection is open — fcntl locks on Linux and macOS, LockFileEx on
 * Windows. Nothing to race on (the check and the take are one system call), it cannot be held
 * twice, and the OS releases it when the holder dies however it dies, so a stale lock never
 * blocks and a recycled PID never matters. The lock file is never deleted: deleting a file
 * someone holds a lock on would let a second process lock a new file of the same name.
 */
export const LOCK_FILE = 'onewindow.lock.db';
/** Who holds the lock, for the refusal message only; never used to decide anything. */
const HOLDER_FILE = 'onewindow.lock.holder';

export class DataDirLock {
  private constructor(private db: Database.Database | null) {}

  static acquire(dataDir: string): DataDirLock {
    let db: Database.Database;
    try {
      db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
    } catch {
      throw new AppError('CONFLICT', `无法锁定数据目录 ${dataDir}：请确认该目录存在且当前用户可写`);
    }
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = OFF');
      // Its content is only a label: no fsync needed for the lock to work.
      db.pragma('synchronous = OFF');
      // The first write takes the exclusive lock; in EXCLUSIVE locking mode it is kept until close.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, since TEXT NOT NULL)');
      db.prepare('INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)').run(process.pid, new Date().toISOString());
      db.exec('COMMIT');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new AppError('CONFLICT', `一窗通已在运行（${holderOf(dataDir)}数据目录 ${dataDir}）：请切换到已打开的窗口，不要重复启动。`);
      }
      throw new AppError('CONFLICT', `无法锁定数据目录 ${dataDir}：请检查目录权限和磁盘空间`);
    }
    try {
      writeFileSync(join(dataDir, HOLDER_FILE), String(process.pid));
    } catch {
      // Only the message of a second start uses it.
    }
    return new DataDirLock(db);
  }

  get held(): boolean {
    return this.db !== null;
  }

  release(): void {
    const db = this.db;
    this.db = null;
    db?.close();
  }
}

function holderOf(dataDir: string): string {
  try {
    const pid = Number(readFileSync(join(dataDir, HOLDER_FILE), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? `进程 ${pid}，` : '';
  } catch {
    return '';
  }
}
