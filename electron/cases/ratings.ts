/**
 * 好差评 at the window (一次一评): the clerk opens a rating for the visit's cases, the applicant
 * display shows the five levels, the applicant submits once. The clerk's side learns only
 * pending/done. A 差评 opens a follow-up (call-back and rectification) with a working-day
 * deadline. Everything is journaled on the visit's stream for forwarding upward.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { BAD_RATING_FROM, RATING_LEVELS, type FollowUpView, type RatingStatusView } from '../../shared/api/ratings';
import { appendEvents, type JournalEventInput } from '../store/journal';
import type { Actor } from './actor';
import { calendarOf, commandTime, type CaseHost } from './case-host';

type StatusView = z.infer<typeof RatingStatusView>;
type FollowUp = z.infer<typeof FollowUpView>;

interface VisitRow {
  id: string;
  status: 'pending' | 'done' | 'cancelled';
  opened_at: string;
}

function caseNumbersOf(host: CaseHost, visitId: string): string[] {
  return (
    host.db
      .prepare(
        'SELECT c.case_number FROM rating_cases rc JOIN item_cases c ON c.id = rc.case_id WHERE rc.visit_id = ? ORDER BY c.case_number',
      )
      .all(visitId) as {
      case_number: string;
    }[]
  ).map((r) => r.case_number);
}

function view(host: CaseHost, row: VisitRow): StatusView {
  return { visitId: row.id, status: row.status, caseNumbers: caseNumbersOf(host, row.id), openedAt: row.opened_at };
}

function visit(host: CaseHost, visitId: string): VisitRow {
  const row = host.db.prepare('SELECT id, status, opened_at FROM rating_visits WHERE id = ?').get(visitId) as VisitRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到这次评价，请重新发起评价');
  return row;
}

export function openRating(host: CaseHost, caseNumbers: readonly string[], actor: Actor): StatusView {
  const { at } = commandTime(host);
  const unique = [...new Set(caseNumbers.map((n) => n.trim()))];
  const result = host.db.transaction((): StatusView => {
    const pending = host.db.prepare("SELECT id FROM rating_visits WHERE status = 'pending' LIMIT 1").get() as { id: string } | undefined;
    if (pending) throw new AppError('CONFLICT', '上一位申请人的评价尚未完成：请等其评价，或取消该次评价后再发起');
    const cases = unique.map((n) => {
      const row = host.db.prepare('SELECT id FROM item_cases WHERE case_number = ?').get(n) as { id: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `找不到办件 ${n}，请核对办件编号`);
      return { id: row.id, caseNumber: n };
    });
    const id = randomUUID();
    host.db.prepare("INSERT INTO rating_visits (id, status, opened_by, opened_at) VALUES (?, 'pending', ?, ?)").run(id, actor.id, at);
    const link = host.db.prepare('INSERT INTO rating_cases (visit_id, case_id) VALUES (?, ?)');
    for (const c of cases) link.run(id, c.id);
    appendEvents(host.db, [
      {
        stream: `rating:${id}`,
        type: 'rating.opened',
        payload: { visitId: id, channel: 'window-pad', caseNumbers: unique },
        actor: actor.id,
        at,
      },
    ]);
    return { visitId: id, status: 'pending', caseNumbers: caseNumbersOf(host, id), openedAt: at };
  })();
  host.bus.emit('ratings.prompt', { visitId: result.visitId, caseNumbers: result.caseNumbers });
  host.bus.emit('ratings.changed', { visitId: result.visitId, status: 'pending' });
  return result;
}

/** For the applicant display: the open prompt, if any. */
export function pendingRating(host: CaseHost): { visit: { visitId: string; caseNumbers: string[] } | null } {
  const row = host.db.prepare("SELECT id FROM rating_visits WHERE status = 'pending' ORDER BY opened_at DESC LIMIT 1").get() as
    { id: string } | undefined;
  return { visit: row ? { visitId: row.id, caseNumbers: caseNumbersOf(host, row.id) } : null };
}

export interface RatingSubmission {
  visitId: string;
  level: number;
  indicators: { overall: number; efficiency: number; level: number; attitude: number };
  comment?: string | undefined;
}

export function submitRating(host: CaseHost, input: RatingSubmission): void {
  const { at, today } = commandTime(host);
  let followUpDue: string | null = null;
  const bad = input.level >= BAD_RATING_FROM;
  if (bad) {
    try {
      followUpDue = calendarOf(host).addWorkdays(today, host.config().supervision.badRatingFollowUpWorkdays);
    } catch (error) {
      // The follow-up is still opened; its deadline shows as unknown until the calendar arrives.
      if (!(error instanceof AppError && error.code === 'UNKNOWN_DATE')) throw error;
    }
  }
  host.db.transaction(() => {
    // The state check and the write in one transaction: a double tap on the pad rates once.
    const row = visit(host, input.visitId);
    if (row.status !== 'pending')
      throw new AppError(
        'CONFLICT',
        row.status === 'done' ? '本次服务已经评价过了，感谢您的评价' : '本次评价已取消，如需评价请告知工作人员',
      );
    host.db
      .prepare(
        "UPDATE rating_visits SET status = 'done', rated_on = ?, level = ?, indicators = ?, comment = ?, submitted_at = ? WHERE id = ? AND status = 'pending'",
      )
      .run(today, input.level, JSON.stringify(input.indicators), input.comment ?? null, at, input.visitId);
    const events: JournalEventInput[] = [
      {
        stream: `rating:${input.visitId}`,
        type: 'rating.submitted',
        payload: {
          visitId: input.visitId,
          channel: 'window-pad',
          level: input.level,
          levelLabel: RATING_LEVELS[input.level as keyof typeof RATING_LEVELS],
          indicators: input.indicators,
          comment: input.comment ?? null,
          caseNumbers: caseNumbersOf(host, input.visitId),
        },
        actor: null,
        at,
      },
    ];
    if (bad) {
      const id = randomUUID();
      host.db
        .prepare("INSERT INTO rating_follow_ups (id, visit_id, status, due_on, opened_at) VALUES (?, ?, 'open', ?, ?)")
        .run(id, input.visitId, followUpDue, at);
      events.push({
        stream: `rating:${input.visitId}`,
        type: 'rating.follow-up-opened',
        payload: { visitId: input.visitId, followUpId: id, dueOn: followUpDue },
        actor: null,
        at,
      });
    }
    appendEvents(host.db, events);
  })();
  host.bus.emit('ratings.changed', { visitId: input.visitId, status: 'done' });
}

export function ratingStatus(host: CaseHost, visitId: string): StatusView {
  return view(host, visit(host, visitId));
}

export function cancelRating(host: CaseHost, visitId: string, actor: Actor): StatusView {
  const { at } = commandTime(host);
  const result = host.db.transaction(() => {
    const row = visit(host, visitId);
    if (row.status !== 'pending') throw new AppError('CONFLICT', row.status === 'done' ? '申请人已经评价，不能取消' : '本次评价已经取消');
    host.db.prepare("UPDATE rating_visits SET status = 'cancelled' WHERE id = ?").run(visitId);
    appendEvents(host.db, [{ stream: `rating:${visitId}`, type: 'rating.cancelled', payload: { visitId }, actor: actor.id, at }]);
    return view(host, { ...row, status: 'cancelled' });
  })();
  host.bus.emit('ratings.changed', { visitId, status: 'cancelled' });
  return result;
}

interface FollowUpRow {
  id: string;
  visit_id: string;
  status: 'open' | 'closed';
  due_on: string | null;
  opened_at: string;
  closed_at: string | null;
  note: string | null;
  level: number;
  comment: string | null;
}

const FOLLOW_UP_SQL = `SELECT f.id, f.visit_id, f.status, f.due_on, f.opened_at, f.closed_at, f.note, v.level, v.comment
  FROM rating_follow_ups f JOIN rating_visits v ON v.id = f.visit_id`;

function followUpView(host: CaseHost, r: FollowUpRow): FollowUp {
  return {
    id: r.id,
    visitId: r.visit_id,
    caseNumbers: caseNumbersOf(host, r.visit_id),
    level: r.level,
    levelLabel: RATING_LEVELS[r.level as keyof typeof RATING_LEVELS] ?? String(r.level),
    comment: r.comment,
    dueOn: r.due_on,
    status: r.status,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    note: r.note,
  };
}

export function listFollowUps(host: CaseHost, status?: 'open' | 'closed'): FollowUp[] {
  const rows = (
    status
      ? host.db.prepare(`${FOLLOW_UP_SQL} WHERE f.status = ? ORDER BY f.due_on`).all(status)
      : host.db.prepare(`${FOLLOW_UP_SQL} ORDER BY f.due_on`).all()
  ) as FollowUpRow[];
  return rows.map((r) => followUpView(host, r));
}

export function closeFollowUp(host: CaseHost, followUpId: string, note: string, actor: Actor): FollowUp {
  const { at } = commandTime(host);
  return host.db.transaction(() => {
    const row = host.db.prepare(`${FOLLOW_UP_SQL} WHERE f.id = ?`).get(followUpId) as FollowUpRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到该差评整改任务');
    if (row.status === 'closed') throw new AppError('CONFLICT', '该差评整改任务已经办结');
    host.db
      .prepare("UPDATE rating_follow_ups SET status = 'closed', closed_at = ?, closed_by = ?, note = ? WHERE id = ?")
      .run(at, actor.id, note, followUpId);
    appendEvents(host.db, [
      {
        stream: `rating:${row.visit_id}`,
        type: 'rating.follow-up-closed',
        payload: { visitId: row.visit_id, followUpId, note },
        actor: actor.id,
        at,
      },
    ]);
    return followUpView(host, { ...row, status: 'closed', closed_at: at, note });
  })();
}
