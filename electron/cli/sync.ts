import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { BlobStore } from '../store/blobs';
import { openDatabase, type Db } from '../store/database';
import { DataDirLock } from '../store/lock';
import { resolveDataDir } from '../store/paths';
import { parseSyncConfig } from '../sync/config';
import { createSyncService } from '../sync/service';
import { outboxCounts, parkedEvents, retryParked } from '../sync/outbox';
import { CliError, type CliCommand, type CliIo } from './command';

/** `onewindow sync status|retry|now`: what sync has done, and a way to push without the app. */

function openData(dataDirFlag: string | undefined, io: CliIo): { db: Db; dataDir: string } {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  let db: Db;
  try {
    db = openDatabase(join(dataDir, 'onewindow.db'));
  } catch (err) {
    throw new CliError(err instanceof AppError ? err.message : `无法打开数据目录 ${dataDir} 中的数据库：${String(err)}`);
  }
  return { db, dataDir };
}

function parse<O extends Record<string, { type: 'string' }>>(args: string[], options: O): { [K in keyof O]?: string } {
  try {
    return parseArgs({ args, options, allowPositionals: false }).values as { [K in keyof O]?: string };
  } catch (err) {
    throw new CliError(`参数有误：${err instanceof Error ? err.message : String(err)}`, 2);
  }
}

function readState(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

const status: CliCommand = {
  path: ['sync', 'status'],
  summary: '显示与中心平台的同步情况（待发、已发、已搁置及原因）',
  usage: 'onewindow sync status [--data-dir <目录>]',
  async run(args, io) {
    const { db } = openData(parse(args, { 'data-dir': { type: 'string' } })['data-dir'], io);
    try {
      const c = outboxCounts(db);
      io.out(`待发送 ${c.queued}  已发送 ${c.sent}  已搁置 ${c.parked}`);
      io.out(`最近成功：${readState(db, 'relay.lastSuccessAt') ?? '从未'}`);
      const lastError = readState(db, 'relay.lastError');
      if (lastError) io.out(`最近错误：${lastError}`);
      const offset = readState(db, 'clock.offsetMs');
      if (offset) io.out(`平台时钟差：${Math.round(Number(offset) / 1000)} 秒`);
      for (const p of parkedEvents(db)) io.out(`已搁置 ${p.eventId} ${p.stream}#${p.streamSeq} ${p.type}：${p.lastError ?? ''}`);
      return 0;
    } finally {
      db.close();
    }
  },
};

const retry: CliCommand = {
  path: ['sync', 'retry'],
  summary: '重新发送已搁置的事件（全部或指定一条）',
  usage: 'onewindow sync retry [--event <事件编号>] [--data-dir <目录>]',
  async run(args, io) {
    const values = parse(args, { 'data-dir': { type: 'string' }, event: { type: 'string' } });
    const { db } = openData(values['data-dir'], io);
    try {
      const n = retryParked(db, values.event);
      io.out(n === 0 ? '没有需要重试的已搁置事件' : `已将 ${n} 条事件放回发送队列；一窗通运行时会自动发送`);
      return 0;
    } finally {
      db.close();
    }
  },
};

const now: CliCommand = {
  path: ['sync', 'now'],
  summary: '在一窗通未运行时立即与中心平台同步一次',
  usage: 'onewindow sync now --config <工作站配置.json> [--data-dir <目录>] [--timeout <秒>]',
  async run(args, io) {
    const values = parse(args, { 'data-dir': { type: 'string' }, config: { type: 'string' }, timeout: { type: 'string' } });
    const { db, dataDir } = openData(values['data-dir'], io);
    let lock: DataDirLock | undefined;
    try {
      if (values.config === undefined) throw new CliError('缺少 --config：请指定含 platform 段的工作站配置文件', 2);
      let config: unknown;
      try {
        config = (JSON.parse(readFileSync(values.config, 'utf8')) as { platform?: unknown }).platform;
      } catch (err) {
        // Never the parser's message: it quotes the file, which may be anything (a symlink to a secret).
        const missing = (err as { code?: unknown }).code === 'ENOENT';
        throw new CliError(`无法读取配置文件 ${values.config}：${missing ? '文件不存在' : '不是可读的 JSON 工作站配置'}，请检查路径`, 2);
      }
      try {
        lock = DataDirLock.acquire(dataDir);
      } catch (err) {
        throw new CliError(err instanceof AppError ? `${err.message}（一窗通运行时请在同步面板中点“立即同步”）` : String(err));
      }
      const syncConfig = parseSyncConfig({ platform: config, backoff: { baseMs: 500, maxMs: 5_000 } });
      const service = createSyncService({ db, blobs: new BlobStore(db, join(dataDir, 'blobs')), config: syncConfig });
      const deadline = Date.now() + Number(values.timeout ?? '120') * 1000;
      service.start();
      try {
        // Bounded: stop when drained, or when the platform stays unreachable past the deadline.
        while (Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          const s = service.status();
          if (s.queued === 0 && s.sending === 0 && s.lastPullAt !== null && s.online) break;
        }
      } finally {
        await service.stop();
      }
      const s = service.status();
      io.out(`待发送 ${s.queued}  已发送 ${s.sent}  已搁置 ${s.parked}`);
      if (s.clockWarning) io.err(s.clockWarning);
      if (s.queued > 0) throw new CliError(s.lastError?.message ?? '未能在限定时间内发送完毕，请稍后重试');
      return 0;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(err instanceof AppError ? err.message : String(err));
    } finally {
      lock?.release();
      db.close();
    }
  },
};

export const commands: CliCommand[] = [status, retry, now];
