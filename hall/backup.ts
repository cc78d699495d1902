import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { dumpPglite } from './store/pglite-engine';

/**
 * `npm run hall -- backup <file>` / `restore <file>`: pg_dump / pg_restore (custom format)
 * where PostgreSQL is external; PGlite's own data-directory dump (tar.gz) where embedded.
 * Events, blobs (in the database), feed and checkpoints are all in the one dump.
 */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

export async function backup(database: string, file: string): Promise<void> {
  if (isPostgresUrl(database)) {
    const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', database], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`pg_dump 失败：${r.stderr.trim() || r.error?.message || ''}（请确认已安装 postgresql-client 且版本不低于服务器）`);
    return;
  }
  const dump = await dumpPglite(database);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

export async function restore(database: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`找不到备份文件 ${file}`);
  if (isPostgresUrl(database)) {
    const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', database, file], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`pg_restore 失败：${r.stderr.trim() || r.error?.message || ''}`);
    return;
  }
  if (existsSync(database) && readdirSync(database).length > 0)
    throw new Error(`数据目录 ${database} 不为空：请先停止大厅服务器并把它移开，再恢复到空目录`);
  const db = await PGlite.create(database, { loadDataDir: new Blob([readFileSync(file)]) });
  await db.close();
}
