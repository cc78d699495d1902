/**
 * The hall's windows by workstation id, as the hall last listed them (hall_windows, migration
 * 16): replicated events and signatures name the window that made them, also offline. A window
 * the hall has not listed yet reads as 其他窗口 until the next listing.
 */
import type { HallWindow } from '../../shared/protocol/feed';
import type { Db } from '../store/database';

export const UNKNOWN_WINDOW = '其他窗口';

export function rememberWindows(
  db: Db,
  windows: readonly Pick<HallWindow, 'workstationId' | 'windowName' | 'role' | 'department'>[],
  at: string,
): void {
  const upsert = db.prepare(
    `INSERT INTO hall_windows (workstation_id, window_name, role, department, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workstation_id) DO UPDATE SET window_name = excluded.window_name, role = excluded.role, department = excluded.department, seen_at = excluded.seen_at`,
  );
  db.transaction(() => {
    for (const w of windows) upsert.run(w.workstationId, w.windowName, w.role, w.department, at);
  })();
}

export function windowNameOf(db: Db, workstationId: string | null): string | null {
  if (!workstationId) return null;
  const row = db.prepare('SELECT window_name FROM hall_windows WHERE workstation_id = ?').get(workstationId) as
    { window_name: string } | undefined;
  return row?.window_name ?? null;
}

/** Windows named by replicated events or routes that the cache does not name yet (asked of the hall after a feed page). */
export function unnamedSenders(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT s.id FROM (
           SELECT workstation_id AS id FROM hall_replicated_events
           UNION SELECT accepted_by FROM hall_routes UNION SELECT from_workstation FROM hall_routes
         ) s LEFT JOIN hall_windows w ON w.workstation_id = s.id
         WHERE s.id IS NOT NULL AND w.workstation_id IS NULL`,
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
}
