import type { HandoverRequest } from '../../shared/protocol';
import type { Sql } from '../store/sql';
import { publish } from './feed';
import { routeCase } from './routing';

/**
 * Hand-over (protocol 9.5): the holding window passes a case to another window; journaled in
 * hall_journal and routed to the target, which then holds it. Idempotent by handoverId.
 */
export type HandoverOutcome =
  | { ok: true; handoverId: string; caseId: string; holder: string; handedAt: string }
  | { ok: false; code: 'NOT_FOUND' | 'NOT_HOLDER'; message: string };

export async function handOver(sql: Sql, from: string, r: HandoverRequest, at: string, byAdmin = false): Promise<HandoverOutcome> {
  return sql.transaction(async (tx): Promise<HandoverOutcome> => {
    const [done] = await tx.query<{ case_id: string; to_workstation: string; handed_at: string }>(
      'SELECT case_id, to_workstation, handed_at FROM handovers WHERE id = $1',
      [r.handoverId],
    );
    if (done) return { ok: true, handoverId: r.handoverId, caseId: done.case_id, holder: done.to_workstation, handedAt: done.handed_at };
    const [c] = await tx.query<{ holder: string | null }>('SELECT holder FROM hall_cases WHERE case_id = $1 FOR UPDATE', [r.caseId]);
    if (!c) return { ok: false, code: 'NOT_FOUND', message: '大厅服务器上没有这个办件，请先同步后再移交' };
    const [target] = await tx.query('SELECT id FROM workstations WHERE id = $1 AND revoked_at IS NULL', [r.toWorkstation]);
    if (!target) return { ok: false, code: 'NOT_FOUND', message: '目标窗口不存在或已停用，请重新选择' };
    if (!byAdmin && c.holder !== from) return { ok: false, code: 'NOT_HOLDER', message: '该办件不由本窗口持有，只有持有窗口可以移交' };
    const previous = c.holder ?? from;
    await tx.query(
      'INSERT INTO handovers (id, case_id, from_workstation, to_workstation, note, handed_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.handoverId, r.caseId, previous, r.toWorkstation, r.note, at],
    );
    await tx.query('UPDATE hall_cases SET holder = $2, updated_at = $3 WHERE case_id = $1', [r.caseId, r.toWorkstation, at]);
    await tx.query('INSERT INTO hall_journal (type, subject, payload, actor, at) VALUES ($1, $2, $3, $4, $5)', [
      'case.handed-over',
      `case:${r.caseId}`,
      JSON.stringify({ handoverId: r.handoverId, caseId: r.caseId, from: previous, to: r.toWorkstation, note: r.note }),
      byAdmin ? 'hall-admin' : from,
      at,
    ]);
    await publish(tx, await routeCase(tx, r.caseId, 'hand-over', [r.toWorkstation], previous, r.note, at), at);
    return { ok: true, handoverId: r.handoverId, caseId: r.caseId, holder: r.toWorkstation, handedAt: at };
  });
}
