import type { Db } from '../store/database';

/**
 * Pre-acceptance records (一次性告知, 不予受理 before any case exists) over [from, to], civil
 * dates in Asia/Shanghai, for hall statistics. Its own file: statistics must not load the
 * acceptance service.
 */
export function preAcceptanceCounts(db: Db, from: string, to: string): { oneTimeNotices: number; rejections: number } {
  const rows = db
    .prepare('SELECT kind, COUNT(*) AS n FROM pre_acceptance_records WHERE created_on BETWEEN ? AND ? GROUP BY kind')
    .all(from, to) as { kind: string; n: number }[];
  return {
    oneTimeNotices: rows.find((r) => r.kind === 'one-time-notice')?.n ?? 0,
    rejections: rows.find((r) => r.kind === 'rejection')?.n ?? 0,
  };
}
