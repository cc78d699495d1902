/**
 * The full `integrity_check` while the workstation runs: a disk can go bad under a running
 * store. On failure the connection is switched to read-only (`query_only`), so nothing more is
 * written to the damaged file, and the clerk is told what to do; the cases stay readable.
 */
import { join } from 'node:path';
import { corruptMessage, integrityProblems } from './health';
import { log } from '../log';
import type { Db } from './database';
import type { EventBus } from '../event-bus';

export const INTEGRITY_INTERVAL_MS = 6 * 60 * 60_000;

export interface IntegrityTarget {
  db: Db;
  bus: EventBus;
  dataDir: string;
}

/** Runs the check once; returns whether the store is sound. */
export function checkIntegrityNow(ws: IntegrityTarget): boolean {
  const problems = integrityProblems(ws.db);
  if (problems.length === 0) return true;
  try {
    ws.db.pragma('query_only = ON');
  } catch {
    // The connection may already be unusable; writes fail either way.
  }
  log.error('database integrity check failed: writes stopped', { problems: problems.slice(0, 5).map((p) => log.scrub(p)) });
  ws.bus.emit('system.fault', { message: corruptMessage(join(ws.dataDir, 'onewindow.db'), '定期完整性检查未通过') });
  return false;
}

/** Checks every interval until the store fails once (then it stays read-only); returns stop. */
export function watchIntegrity(ws: IntegrityTarget, intervalMs = INTEGRITY_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    if (!checkIntegrityNow(ws)) clearInterval(timer);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
