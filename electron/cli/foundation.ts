import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WorkstationConfig } from '../../shared/api/settings';
import { AppError } from '../../shared/api/errors';
import { auditJournal } from '../audit/verify';
import { verifyJournal } from '../store/journal';
import { corruptMessage, integrityProblems } from '../store/health';
import { DataDirLock } from '../store/lock';
import { resolveDataDir } from '../store/paths';
import { restoreBackup } from '../store/restore';
import { openWorkstation } from '../workstation';
import { runDoctor } from './doctor';
import { parseCli } from './args';
import { CliError, type CliCommand } from './command';
import { DATA_DIR_OPTION, openForCli } from './store-access';
import { issuePath } from '../../shared/api/issues';

const init: CliCommand = {
  path: ['init'],
  summary: '创建管理员账号（首次安装）',
  usage: 'onewindow init --username <name> --name <姓名> [--password-stdin] [--data-dir <dir>]  (or ONEWINDOW_ADMIN_PASSWORD)',
  async run(args, io) {
    const { values } = parseCli(
      args,
      { ...DATA_DIR_OPTION, username: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
      this.usage,
    );
    const password = values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : io.env.ONEWINDOW_ADMIN_PASSWORD;
    if (!values.username || !password) throw new CliError(`缺少用户名或密码。用法：${this.usage}`, 2);
    const ws = openForCli(values['data-dir'], io);
    try {
      const r = await ws.dispatch(
        'session.setupAdmin',
        { username: values.username, displayName: values.name ?? '系统管理员', password },
        'internal',
      );
      if (!r.ok) throw new CliError(r.error.message + (r.error.details ? '：' + r.error.details.map((d) => d.message).join('；') : ''));
      io.out(`管理员 ${values.username} 已创建（数据目录 ${ws.dataDir}）`);
      return 0;
    } finally {
      ws.close();
    }
  },
};

const provision: CliCommand = {
  path: ['provision'],
  summary: '按配置文件部署本工位（窗口、设备、中心平台）',
  usage: 'onewindow provision <file.json> [--window <窗口号>] [--data-dir <dir>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, { ...DATA_DIR_OPTION, window: { type: 'string' } }, this.usage);
    const file = positionals[0];
    if (!file) throw new CliError(`缺少配置文件。用法：${this.usage}`, 2);
    const raw = readProvisionFile(file);
    // One template for many windows: the window number may come from the command line.
    if (values.window && typeof raw === 'object' && raw !== null) {
      const r = raw as { window?: Record<string, unknown> };
      r.window = { ...(r.window ?? {}), number: values.window };
    }
    const parsed = WorkstationConfig.safeParse(raw);
    if (!parsed.success) {
      io.err(`配置文件 ${file} 有 ${parsed.error.issues.length} 处错误，未做任何修改：`);
      for (const issue of parsed.error.issues) io.err(`  ${describeIssue(issue)}`);
      return 2;
    }
    const ws = openForCli(values['data-dir'], io);
    try {
      ws.settings.set(parsed.data, 'provision');
      const c = ws.config();
      io.out(
        `已部署：${c.hall.name} ${c.window.number}号窗口（${c.mode === 'training' ? '培训模式' : '正式模式'}），数据目录 ${ws.dataDir}`,
      );
      io.out('如工作站正在运行，请重新启动以加载新配置。');
      return 0;
    } finally {
      ws.close();
    }
  },
};

const doctor: CliCommand = {
  path: ['doctor'],
  summary: '检查运行环境、数据目录、依赖工具和已配置的设备',
  usage: 'onewindow doctor [--data-dir <dir>]',
  async run(args, io) {
    const { values } = parseCli(args, DATA_DIR_OPTION, this.usage);
    return runDoctor(values['data-dir'], io);
  },
};

const auditVerify: CliCommand = {
  path: ['audit', 'verify'],
  summary: '校验办件日志的哈希链，并与本机锚点和中心平台检查点核对',
  usage: 'onewindow audit verify [--data-dir <dir>]',
  async run(args, io) {
    const { values } = parseCli(args, DATA_DIR_OPTION, this.usage);
    const ws = openForCli(values['data-dir'], io);
    try {
      const report = await auditJournal({ db: ws.db, dataDir: ws.dataDir, platform: ws.config().platform });
      for (const line of report.lines) (line.startsWith('日志被改动') ? io.err : io.out)(line);
      if (report.ok) return 0;
      io.err('请保留数据目录原样（不要再受理），并立即联系信息科调查；可用备份和中心平台的数据比对被改动的内容');
      return 1;
    } finally {
      ws.close();
    }
  },
};

const backup: CliCommand = {
  path: ['backup'],
  summary: '在线备份数据库和全部材料文件到一个文件',
  usage: 'onewindow backup <file> [--data-dir <dir>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, DATA_DIR_OPTION, this.usage);
    const target = positionals[0];
    if (!target) throw new CliError(`缺少备份文件名。用法：${this.usage}`, 2);
    if (existsSync(target)) throw new CliError(`备份文件 ${target} 已存在，请换一个文件名（不会覆盖已有备份）`, 2);
    const ws = openForCli(values['data-dir'], io);
    const tmp = `${target}.partial`;
    try {
      // A backup of a damaged store would pass the damage on to the restore that trusts it.
      if (integrityProblems(ws.db).length > 0)
        throw new CliError(`未做备份：${corruptMessage(join(ws.dataDir, 'onewindow.db'), '完整性检查未通过')}`);
      // SQLite's online backup copies a consistent snapshot while the workstation keeps working.
      await ws.db.backup(tmp);
      const out = new Database(tmp);
      let blobCount = 0;
      let bytes = 0;
      try {
        out.exec('CREATE TABLE backup_blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)');
        const insert = out.prepare('INSERT OR IGNORE INTO backup_blobs (sha256, data) VALUES (?, ?)');
        const root = join(ws.dataDir, 'blobs');
        const copy = out.transaction((files: string[]) => {
          for (const f of files) {
            const data = readFileSync(f);
            insert.run(f.slice(-64), data);
            blobCount++;
            bytes += data.length;
          }
        });
        const files = existsSync(root)
          ? readdirSync(root).flatMap((d) =>
              /^[0-9a-f]{2}$/.test(d)
                ? readdirSync(join(root, d))
                    .filter((n) => /^[0-9a-f]{64}$/.test(n))
                    .map((n) => join(root, d, n))
                : [],
            )
          : [];
        copy(files);
        out.pragma('journal_mode = DELETE');
      } finally {
        out.close();
      }
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, target);
      io.out(`备份完成：${target}（数据库 + ${blobCount} 个材料文件，${(bytes / 1048576).toFixed(1)} MB）`);
      return 0;
    } catch (err) {
      rmSync(tmp, { force: true });
      if (err instanceof CliError) throw err;
      throw new CliError(`备份失败：${err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err)}`);
    } finally {
      ws.close();
    }
  },
};

/** A provisioning file is a few KB of JSON; anything else is refused before it is read. */
const MAX_PROVISION_BYTES = 1024 * 1024;

/**
 * Reads and parses a provisioning file without ever echoing its contents: the path given may be a
 * symlink to a secret (an administrator's typo, or a trap), and CLI output lands in logs.
 */
function readProvisionFile(file: string): unknown {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new CliError(`配置文件 ${file} 不是普通文件：请给出工作站配置（JSON）文件的路径`, 2);
    if (st.size > MAX_PROVISION_BYTES)
      throw new CliError(`配置文件 ${file} 过大（${(st.size / 1048576).toFixed(1)} MB），不像工作站配置：请检查文件路径`, 2);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as { code?: unknown }).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : '读取失败';
    throw new CliError(`无法读取配置文件 ${file}：${why}，请检查路径和权限`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // Only where the error is, never the text around it.
    const at = /line (\d+) column (\d+)/.exec(err instanceof Error ? err.message : '');
    const where = at ? `（第 ${at[1]} 行第 ${at[2]} 列附近）` : '';
    throw new CliError(`配置文件 ${file} 不是有效的 JSON${where}：请用配置模板重新生成，或检查是否给错了文件`, 2);
  }
}

/** One validation problem, by schema path; names of unknown keys only when they look like keys. */
function describeIssue(issue: { path: PropertyKey[]; message: string; code?: string; keys?: unknown }): string {
  const where = issuePath(issue.path, 'file');
  if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
    const names = issue.keys.filter((k): k is string => typeof k === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k));
    return `${where}: 有本版本不认识的字段${names.length ? `（${names.join('、')}）` : ''}，请对照配置模板检查拼写`;
  }
  return `${where}: ${issue.message}`;
}
const restore: CliCommand = {
  path: ['restore'],
  summary: '用 onewindow backup 生成的备份文件恢复数据库和材料文件（须先关闭一窗通）',
  usage: 'onewindow restore <备份文件> [--data-dir <dir>]',
  async run(args, io) {
    const { values, positionals } = parseCli(args, DATA_DIR_OPTION, this.usage);
    const file = positionals[0];
    if (!file) throw new CliError(`缺少备份文件。用法：${this.usage}`, 2);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    let lock: DataDirLock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (err) {
      throw new CliError(`${err instanceof AppError ? err.message : String(err)}（恢复前请先关闭一窗通）`);
    }
    try {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const r = await restoreBackup(file, dataDir, stamp);
      // Open it as the workstation will (migrations included) and check the journal's chain.
      process.env.ONEWINDOW_LOG ??= 'silent';
      const ws = openWorkstation({ dataDir, hostKind: 'browser-host', noLock: true });
      try {
        const chain = verifyJournal(ws.db);
        io.out(`已从备份恢复：${file} → ${dataDir}（写入 ${r.blobsWritten} 个材料文件，${r.blobsKept} 个原有文件完好保留）`);
        if (r.movedAsideTo) io.out(`被替换的数据库文件已移到 ${r.movedAsideTo}，确认无误后可由信息科删除`);
        if (!chain.ok) {
          io.err(`注意：恢复后的办件日志校验未通过：${chain.reason}，请联系信息科`);
          return 1;
        }
        io.out(`办件日志完整：共 ${chain.events} 条事件。可以启动一窗通。`);
        return 0;
      } finally {
        ws.close();
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`恢复失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      lock.release();
    }
  },
};

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (data += c));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

export const commands: CliCommand[] = [init, provision, doctor, auditVerify, backup, restore];
