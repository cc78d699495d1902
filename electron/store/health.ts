/**
 * Is the store fit to open? Checked before anything is written, because SQLite will happily
 * create a fresh empty database where the old one vanished, and will serve and extend a file
 * with garbage in its middle until a query happens to touch the damaged page.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/api/errors';

export type StoreDamage = 'corrupt' | 'missing';

/** The store cannot be used as it is; the message says what to do (restore, doctor). */
export class StoreDamagedError extends AppError {
  constructor(
    readonly damage: StoreDamage,
    message: string,
  ) {
    super('CONFLICT', message);
    this.name = 'StoreDamagedError';
  }
}

export function restoreAdvice(dataDir: string): string {
  return `请关闭一窗通，用最近的备份恢复：onewindow restore <备份文件> --data-dir ${dataDir}（运行 onewindow doctor 可查看详情；没有备份请联系信息科）`;
}

/** At start nothing was written; while running, writes stop from now on and reading goes on. */
export function corruptMessage(file: string, detail: string, when: 'start' | 'running' = 'start'): string {
  const state = when === 'start' ? '为保护数据已停止使用，没有写入任何内容' : '为保护数据已停止保存新的内容，已有办件仍可查看';
  return `数据库文件 ${file} 已损坏（${detail}），${state}。${restoreAdvice(dirname(file))}`;
}

/** Material files or a SQLite journal: this directory has been a workstation before. */
function hasHistory(file: string): string | null {
  for (const suffix of ['-wal', '-journal']) {
    const f = file + suffix;
    if (existsSync(f) && statSync(f).size > 0) return `数据库日志 ${basename(f)}`;
  }
  const blobs = join(dirname(file), 'blobs');
  if (existsSync(blobs)) {
    for (const d of readdirSync(blobs)) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      const n = readdirSync(join(blobs, d)).filter((f) => /^[0-9a-f]{64}$/.test(f)).length;
      if (n > 0) return '材料文件';
    }
  }
  return null;
}

/** Runs a check pragma and returns the problems it reports (empty when the answer is "ok"). */
export function checkProblems(db: Database.Database, pragma: 'quick_check' | 'integrity_check'): string[] {
  const rows = db.pragma(`${pragma}(20)`) as Record<string, string>[];
  const lines = rows.map((r) => Object.values(r)[0] ?? '');
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/**
 * Before the workstation opens its database: refuse a missing or empty database next to
 * material files or a journal (never initialise over them), and refuse a database that fails
 * `quick_check`. The check runs on a read-only connection so not even a WAL checkpoint touches
 * a damaged file.
 */
export function preflightDatabase(file: string): void {
  const size = existsSync(file) ? statSync(file).size : -1;
  if (size <= 0) {
    const history = hasHistory(file);
    if (history) {
      throw new StoreDamagedError(
        'missing',
        `数据目录 ${dirname(file)} 中有${history}，但数据库文件${size < 0 ? '不存在' : '是空的'}：一窗通不会把它当作新工作站重新初始化，以免覆盖原有数据。${restoreAdvice(dirname(file))}`,
      );
    }
    return;
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = checkProblems(db, 'quick_check');
    if (problems.length > 0) throw new StoreDamagedError('corrupt', corruptMessage(file, '快速完整性检查未通过'));
  } catch (err) {
    if (err instanceof StoreDamagedError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(code))
      throw new StoreDamagedError('corrupt', corruptMessage(file, code === 'SQLITE_NOTADB' ? '不是数据库文件' : '数据页损坏'));
    throw err;
  } finally {
    db?.close();
  }
}

/** The full check, on the open connection (scheduled, and before a backup). */
export function integrityProblems(db: Database.Database): string[] {
  try {
    return checkProblems(db, 'integrity_check');
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}
