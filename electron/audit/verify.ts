import { verifyJournal } from '../store/journal';
import type { Db } from '../store/database';
import { PlatformClient, PlatformRefusal, type FetchLike } from '../sync/client';
import { checkAnchorFile, checkJournalAgainst } from './anchor';

export interface AuditReport {
  ok: boolean;
  /** What was checked and found, in Chinese, one line each, for the IT staff running it. */
  lines: string[];
}

export interface AuditInputs {
  db: Db;
  dataDir: string;
  platform: { url?: string; workstationId?: string; secret?: string };
  fetch?: FetchLike;
  now?: () => number;
}

/**
 * `audit verify`: the chain itself, then the two anchors a tamperer cannot recompute — the head
 * kept in the data directory (MAC'd with the platform secret) and the platform's checkpoint.
 */
export async function auditJournal(inputs: AuditInputs): Promise<AuditReport> {
  const { db, dataDir, platform } = inputs;
  const lines: string[] = [];
  let ok = true;

  const chain = verifyJournal(db);
  if (chain.ok) lines.push(`哈希链完整：共 ${chain.events} 条事件，链头 ${chain.head.slice(0, 16)}…`);
  else {
    ok = false;
    lines.push(`日志被改动：${chain.reason}（检查到第 ${chain.events} 条）`);
  }

  const secret = platform.secret || null;
  const local = checkAnchorFile(db, dataDir, secret);
  if (local.ok) lines.push(`本机锚点相符${local.note ? `（${local.note}）` : ''}`);
  else {
    ok = false;
    lines.push(`日志被改动：${local.reason}`);
  }

  if (!platform.url || !platform.workstationId || !secret) {
    lines.push('未配置中心平台：未能与平台检查点核对（配置平台后，检查点随同步自动上报）');
    return { ok, lines };
  }
  const client = new PlatformClient({
    url: platform.url,
    workstationId: platform.workstationId,
    secret,
    fetch: inputs.fetch ?? (globalThis.fetch as unknown as FetchLike),
    now: inputs.now ?? Date.now,
    requestTimeoutMs: 15_000,
  });
  try {
    const held = await client.latestCheckpoint();
    if (!held) lines.push('中心平台尚无本工作站的检查点（首次同步完成后才有）');
    else {
      const check = checkJournalAgainst(db, held, '中心平台检查点');
      if (check.ok) lines.push(`与中心平台检查点相符（第 ${held.seq} 条，${held.at}）`);
      else {
        ok = false;
        lines.push(`日志被改动：${check.reason}`);
      }
    }
  } catch (err) {
    const why = err instanceof PlatformRefusal ? `平台拒绝：${err.code}` : err instanceof Error ? err.message : String(err);
    lines.push(`未能与中心平台检查点核对（${why}）：仅核对了本机，联网后请再运行一次`);
  }
  return { ok, lines };
}
