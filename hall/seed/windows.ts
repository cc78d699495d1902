import { randomUUID } from 'node:crypto';
import type { WindowAssignment } from '../../shared/protocol';
import type { Sql } from '../store/sql';

/**
 * Test and training seeding of the hall, never reachable over HTTP: windows registered with an
 * id and secret chosen by the caller (the fault-injecting test platform, `npm run platform`),
 * where a real hall only creates windows by spending an enrolment code (core/enrolment.ts).
 * Journaled like every other change to the hall's windows.
 */
export interface SeededWindow {
  id: string;
  secret: string;
  assignment?: WindowAssignment;
}

const COUNTER: WindowAssignment = { windowName: '培训窗口', role: 'counter', department: null };

/** Registers the window, or gives an existing one this secret again (a restarted training hall). */
export async function registerWindow(sql: Sql, w: SeededWindow, now: Date): Promise<void> {
  if (!/^[0-9A-Za-z._-]{1,100}$/.test(w.id)) throw new Error(`工作站编号无效：${w.id}（1–100 位字母、数字或 . _ -）`);
  if (w.secret.length < 16 || w.secret.length > 64) throw new Error('工作站密钥应为 16–64 个字符');
  const a = w.assignment ?? COUNTER;
  const at = now.toISOString();
  await sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO workstations (id, secret, window_name, role, department, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, revoked_at = NULL`,
      [w.id, w.secret, a.windowName, a.role, a.role === 'back-office' ? a.department : null, at],
    );
    await tx.query('INSERT INTO hall_journal (type, subject, payload, actor, at) VALUES ($1, $2, $3, $4, $5)', [
      'window.seeded',
      w.id,
      JSON.stringify({ windowName: a.windowName, role: a.role }),
      'seed',
      at,
    ]);
  });
}

/** Forgets every feed cursor handed out: each window's next pull is answered RESYNC_REQUIRED. */
export async function restartFeedEpoch(sql: Sql): Promise<string> {
  const epoch = `e-${randomUUID()}`;
  await sql.query('UPDATE feed_head SET epoch = $1 WHERE id = 1', [epoch]);
  return epoch;
}
