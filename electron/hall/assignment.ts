import type { WindowRole } from '../../shared/protocol/enrolment';
import type { Db } from '../store/database';

/** The part this workstation plays in its hall, as the hall last told it (enrolment, hello, feed). */
export interface HallAssignment {
  hallUrl: string;
  workstationId: string;
  hallName: string;
  hallCode: string;
  windowName: string;
  role: WindowRole;
  department: string | null;
  enrolledAt: string;
  updatedAt: string;
  revokedAt: string | null;
}

interface Row {
  hall_url: string;
  workstation_id: string;
  hall_name: string;
  hall_code: string;
  window_name: string;
  role: WindowRole;
  department: string | null;
  enrolled_at: string;
  updated_at: string;
  revoked_at: string | null;
}

export function hallAssignment(db: Db): HallAssignment | null {
  const r = db.prepare('SELECT * FROM hall_assignment WHERE id = 1').get() as Row | undefined;
  if (!r) return null;
  return {
    hallUrl: r.hall_url,
    workstationId: r.workstation_id,
    hallName: r.hall_name,
    hallCode: r.hall_code,
    windowName: r.window_name,
    role: r.role,
    department: r.department,
    enrolledAt: r.enrolled_at,
    updatedAt: r.updated_at,
    revokedAt: r.revoked_at,
  };
}

/** A fresh enrolment replaces the previous one (and clears a revocation). */
export function saveEnrolment(db: Db, a: Omit<HallAssignment, 'updatedAt' | 'revokedAt'>): void {
  db.prepare(
    `INSERT INTO hall_assignment (id, hall_url, workstation_id, hall_name, hall_code, window_name, role, department, enrolled_at, updated_at, revoked_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET hall_url = excluded.hall_url, workstation_id = excluded.workstation_id, hall_name = excluded.hall_name,
       hall_code = excluded.hall_code, window_name = excluded.window_name, role = excluded.role, department = excluded.department,
       enrolled_at = excluded.enrolled_at, updated_at = excluded.updated_at, revoked_at = NULL`,
  ).run(a.hallUrl, a.workstationId, a.hallName, a.hallCode, a.windowName, a.role, a.department, a.enrolledAt, a.enrolledAt);
}

/** The admin changed this window's role, department or name (hello or a window-assignment item). */
export function updateAssignment(db: Db, a: { windowName: string; role: WindowRole; department: string | null }, at: string): boolean {
  const info = db
    .prepare(
      `UPDATE hall_assignment SET window_name = ?, role = ?, department = ?, updated_at = ?
       WHERE id = 1 AND (window_name IS NOT ? OR role IS NOT ? OR department IS NOT ?)`,
    )
    .run(a.windowName, a.role, a.department, at, a.windowName, a.role, a.department);
  return info.changes > 0;
}

export function markRevoked(db: Db, at: string): void {
  db.prepare('UPDATE hall_assignment SET revoked_at = COALESCE(revoked_at, ?) WHERE id = 1').run(at);
}

export function clearRevoked(db: Db): void {
  db.prepare('UPDATE hall_assignment SET revoked_at = NULL WHERE id = 1 AND revoked_at IS NOT NULL').run();
}
