import Database from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import { preflightDatabase } from './health';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Opens the workstation database: WAL so readers never block the clerk's writes, and
 * synchronous=FULL so a committed acceptance survives a power cut (WAL with NORMAL may lose
 * the last transactions on power loss).
 */
export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
  // Refuses a damaged, missing or emptied store before anything can be written to it.
  preflightDatabase(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations in one transaction; refuses a database from a newer program. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'CONFLICT',
      `数据库版本（${current}）比本程序支持的版本（${latest}）更新：请安装新版一窗通后再打开，不要用旧版本覆盖数据。`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
