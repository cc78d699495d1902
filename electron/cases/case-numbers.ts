/**
 * 办件编号 from blocks reserved for this window (DOMAIN.md section 8: no national format).
 * Platform-issued blocks are used first; without one (offline, or never provisioned) the window
 * opens a local block per year with a prefix no other window shares: hall code + window number.
 * `next` only moves forward, in the acceptance transaction: a committed number is never handed
 * out again, and a rolled-back acceptance leaves neither a case nor a gap behind.
 */
import { AppError } from '../../shared/api/errors';
import type { Db } from '../store/database';

export interface WindowIdentity {
  hallCode: string;
  windowNumber: string;
}

interface BlockRow {
  id: number;
  prefix: string;
  first: number;
  last: number;
  next: number;
}

const LOCAL_BLOCK_LAST = 999_999;

/** Printed in Code 128 and typed by clerks: ASCII letters and digits only. */
function asciiPart(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

export function localPrefix(window: WindowIdentity, today: string): string {
  return `${asciiPart(window.hallCode)}W${asciiPart(window.windowNumber) || '0'}-${today.slice(0, 4)}-`;
}

export function allocateCaseNumber(db: Db, today: string, window: WindowIdentity): string {
  const platform = db
    .prepare("SELECT id, prefix, first, last, next FROM case_number_blocks WHERE source = 'platform' AND next <= last ORDER BY id LIMIT 1")
    .get() as BlockRow | undefined;
  const block = platform ?? localBlock(db, localPrefix(window, today), today);
  if (block.next > block.last) {
    throw new AppError('CONFLICT', `本窗口 ${block.prefix} 号段已用完，请联系技术支持向平台申请新的办件编号号段`);
  }
  db.prepare('UPDATE case_number_blocks SET next = next + 1 WHERE id = ? AND next = ?').run(block.id, block.next);
  const width = Math.max(6, String(block.last).length);
  return block.prefix + String(block.next).padStart(width, '0');
}

function localBlock(db: Db, prefix: string, today: string): BlockRow {
  const found = db
    .prepare(
      "SELECT id, prefix, first, last, next FROM case_number_blocks WHERE source = 'local' AND prefix = ? ORDER BY first DESC LIMIT 1",
    )
    .get(prefix) as BlockRow | undefined;
  if (found) return found;
  const info = db
    .prepare("INSERT INTO case_number_blocks (prefix, first, last, next, source, received_at) VALUES (?, 1, ?, 1, 'local', ?)")
    .run(prefix, LOCAL_BLOCK_LAST, today);
  return { id: Number(info.lastInsertRowid), prefix, first: 1, last: LOCAL_BLOCK_LAST, next: 1 };
}

/** Stores a block the platform reserved for this window (called by sync when one arrives). */
export function addPlatformBlock(db: Db, block: { prefix: string; first: number; last: number }, receivedAt: string): void {
  if (
    !/^[0-9A-Za-z-]{1,30}$/.test(block.prefix) ||
    !Number.isInteger(block.first) ||
    !Number.isInteger(block.last) ||
    block.first < 1 ||
    block.last < block.first
  ) {
    throw new AppError('VALIDATION', '平台下发的办件编号号段格式不正确，请联系平台管理员');
  }
  db.prepare(
    "INSERT OR IGNORE INTO case_number_blocks (prefix, first, last, next, source, received_at) VALUES (?, ?, ?, ?, 'platform', ?)",
  ).run(block.prefix, block.first, block.last, block.first, receivedAt);
}
