/**
 * 电子监察 board: open cases by level, most urgent first. Levels are filtered and counted in
 * SQL from due_on and the paused flag (kept current by every command), so 100,000 cases cost
 * one indexed scan; remaining working days are computed for the page's rows only. Rows come in
 * due-date order straight from the (supervised, due_on) index, so a page never sorts the whole
 * board; cases whose due date is unknown (calendar missing) sort first, as they need attention.
 */
import type { BoardResult, BoardRow } from '../../shared/api/supervision';
import { AppError } from '../../shared/api/errors';
import { formatIsoDate, ordinalFromCivil, type WorkingDayCalendar } from '../../shared/domain/calendar';
import type { BoardLevel } from '../../shared/domain/lifecycle';
import type { CaseStatus } from '../../shared/api/cases';
import { dueEstimated } from './case-calendar';
import { calendarOf, commandTime, type CaseHost } from './case-host';

export interface BoardQuery {
  department?: string | undefined;
  clerkId?: string | undefined;
  level?: BoardLevel | undefined;
  limit: number;
  offset: number;
}

/**
 * The first date no longer "nearly due". Near the end of the known calendar the (N+1)-th
 * working day may be unknown; the day after the last known year is then the honest bound,
 * since every later due date is itself unknown.
 */
function yellowBefore(calendar: WorkingDayCalendar, today: string, threshold: number): string {
  try {
    return calendar.addWorkdays(today, threshold + 1);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'UNKNOWN_DATE')) throw error;
    const last = Math.max(...calendar.knownYears());
    return formatIsoDate(ordinalFromCivil(last + 1, 1, 1));
  }
}

const LEVEL_SQL = `CASE WHEN c.paused = 1 THEN 'paused' WHEN c.due_on IS NULL THEN 'unknown' WHEN c.due_on < @today THEN 'red'
  WHEN c.due_on < @yellowBefore THEN 'yellow' ELSE 'normal' END`;

const LEVEL_WHERE: Record<BoardLevel, string> = {
  paused: 'c.paused = 1',
  unknown: 'c.paused = 0 AND c.due_on IS NULL',
  red: 'c.paused = 0 AND c.due_on < @today',
  yellow: 'c.paused = 0 AND c.due_on >= @today AND c.due_on < @yellowBefore',
  normal: 'c.paused = 0 AND c.due_on >= @yellowBefore',
};

interface Row {
  id: string;
  case_number: string;
  item_name: string;
  department: string;
  project_name: string;
  clerk_id: string | null;
  clerk_name: string | null;
  status: CaseStatus;
  accepted_on: string | null;
  due_on: string | null;
  level: BoardLevel;
}

export function supervisionBoard(host: CaseHost, q: BoardQuery): BoardResult {
  const { today } = commandTime(host);
  const calendar = calendarOf(host);
  const params: Record<string, string | number> = {
    today,
    yellowBefore: yellowBefore(calendar, today, host.config().supervision.yellowThresholdWorkdays),
  };
  const where = ['c.supervised = 1'];
  if (q.department !== undefined) {
    where.push('c.department = @department');
    params.department = q.department;
  }
  if (q.clerkId !== undefined) {
    where.push('c.clerk_id = @clerkId');
    params.clerkId = q.clerkId;
  }
  const db = host.db;
  const counts = { normal: 0, yellow: 0, red: 0, paused: 0, unknown: 0 };
  const grouped = db.prepare(`SELECT ${LEVEL_SQL} AS level, COUNT(*) AS n FROM item_cases c WHERE ${where.join(' AND ')} GROUP BY level`).all(params) as {
    level: BoardLevel;
    n: number;
  }[];
  for (const g of grouped) counts[g.level] = g.n;
  if (q.level !== undefined) where.push(LEVEL_WHERE[q.level]);
  const total = q.level !== undefined ? counts[q.level] : Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = db
    .prepare(
      `SELECT c.id, c.case_number, c.item_name, c.department, p.name AS project_name, c.clerk_id, u.display_name AS clerk_name,
              c.status, c.accepted_on, c.due_on, ${LEVEL_SQL} AS level
         FROM item_cases c JOIN projects p ON p.id = c.project_id LEFT JOIN users u ON u.id = c.clerk_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.due_on LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
  return { today, counts, total, rows: rows.map((r) => toBoardRow(r, calendar, today)) };
}

function toBoardRow(r: Row, calendar: WorkingDayCalendar, today: string): BoardRow {
  let remaining: number | null = null;
  if (r.due_on !== null) {
    try {
      remaining = calendar.workdaysBetween(today, r.due_on);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'UNKNOWN_DATE')) throw error;
    }
  }
  return {
    id: r.id,
    caseNumber: r.case_number,
    itemName: r.item_name,
    department: r.department,
    projectName: r.project_name,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    status: r.status,
    acceptedOn: r.accepted_on,
    dueOn: r.due_on,
    dueEstimated: dueEstimated(calendar, r.accepted_on, r.due_on),
    remainingWorkdays: remaining,
    level: r.level,
  };
}
