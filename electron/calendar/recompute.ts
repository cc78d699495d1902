/**
 * When a holiday arrangement arrives (platform feed, administrator import, new release) every
 * open case's due date is recomputed on the new calendar. A date that moved is journaled on the
 * case (`case.deadline-recomputed`, synced like any event), recorded in calendar_changes and
 * pushed to the clerk's screen (`calendar.changed`), so nobody learns of it from a red board.
 */
import type { CalendarChange, MovedDeadline } from '../../shared/api/calendar';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { CLOSED_STATUSES } from '../../shared/domain/lifecycle';
import { commandTime, type CaseHost } from '../cases/case-host';
import { deadlineOf, loadCase, saveCase } from '../cases/case-state';
import { appendEvents } from '../store/journal';
import { buildWorkstationCalendar, workstationCalendarData } from './arrangements';

export type CalendarHost = CaseHost;

/** The clerk's notice lists this many moves; the journal has them all. */
const LISTED_MOVES = 200;

/** What the open cases were last computed on, kept in the store so a restart knows it too. */
const FINGERPRINT_KEY = 'calendar.fingerprint';

export function recomputeOpenDeadlines(
  host: CalendarHost,
  calendar: WorkingDayCalendar,
  reason: string,
  actor: string | null,
): CalendarChange | undefined {
  const { at, today } = commandTime(host);
  const closed = CLOSED_STATUSES.map(() => '?').join(', ');
  const ids = host.db
    .prepare(`SELECT id FROM item_cases WHERE accepted_on IS NOT NULL AND status NOT IN (${closed}) ORDER BY due_on, case_number`)
    .all(...CLOSED_STATUSES) as { id: string }[];
  const moved: MovedDeadline[] = [];
  host.db.transaction(() => {
    for (const { id } of ids) {
      const c = loadCase(host.db, { id });
      const deadline = deadlineOf(calendar, c.clock, today, { yellowThresholdWorkdays: 0 });
      const to = deadline.known ? deadline.status.dueDate : null;
      if (to === c.dueOn) continue;
      const from = c.dueOn;
      saveCase(host.db, c, calendar, today, at);
      appendEvents(host.db, [
        {
          stream: `case:${c.id}`,
          type: 'case.deadline-recomputed',
          payload: { caseId: c.id, caseNumber: c.caseNumber, from, to, reason },
          actor,
          at,
        },
      ]);
      moved.push({
        caseId: c.id,
        caseNumber: c.caseNumber,
        itemName: c.itemName,
        from,
        to,
        estimated: deadline.known && deadline.status.estimated,
      });
    }
    if (moved.length > 0) {
      host.db.prepare('INSERT INTO calendar_changes (at, reason, moved) VALUES (?, ?, ?)').run(at, reason, JSON.stringify(moved));
    }
  })();
  if (moved.length === 0) return undefined;
  const change: CalendarChange = { at, reason, movedCount: moved.length, moved: moved.slice(0, LISTED_MOVES) };
  host.bus.emit('calendar.changed', change);
  host.bus.emit('cases.changed', { caseIds: moved.map((m) => m.caseId) });
  return change;
}

/**
 * Rebuilds the workstation's calendar from everything that has arrived and, when the holiday
 * data differs from what the cases were last computed on, recomputes them. Cheap when nothing
 * changed (one read of the small calendar tables), so sync may call it after every pull and
 * the workstation at every start (a new release may ship next year's notice).
 */
export function refreshWorkstationCalendar(host: CalendarHost, reason: string, actor: string | null = null): CalendarChange | undefined {
  const print = JSON.stringify(workstationCalendarData(host.db).years);
  const stored = host.db.prepare('SELECT value FROM sync_state WHERE key = ?').get(FINGERPRINT_KEY) as { value: string } | undefined;
  if (stored?.value === print) {
    host.calendar.current();
    return undefined;
  }
  const calendar = buildWorkstationCalendar(host.db);
  host.calendar.replace(calendar);
  const change = recomputeOpenDeadlines(host, calendar, reason, actor);
  host.db
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(FINGERPRINT_KEY, print);
  return change;
}

/** The latest recorded recomputation, for the screen that missed the live event. */
export function lastCalendarChange(host: CaseHost): CalendarChange | undefined {
  const row = host.db.prepare('SELECT at, reason, moved FROM calendar_changes ORDER BY seq DESC LIMIT 1').get() as
    { at: string; reason: string; moved: string } | undefined;
  if (!row) return undefined;
  const moved = JSON.parse(row.moved) as MovedDeadline[];
  return { at: row.at, reason: row.reason, movedCount: moved.length, moved: moved.slice(0, LISTED_MOVES) };
}
