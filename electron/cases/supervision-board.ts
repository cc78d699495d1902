/**
 * 电子监察 board: open cases by level, most urgent first. Levels are filtered and counted in
 * SQL from due_on and the paused flag (kept current by every command); remaining working days
 * are computed for the page's rows only.
 *
 * Order and paging (issue 14): rows come in (paused, due_on, case_number) order straight from
 * the (supervised[, department | clerk_id], paused, due_on, case_number) indexes — running
 * clocks before paused ones, unknown due dates (calendar missing) first as they need attention,
 * then by due date, then by case number (unique, so the order is total). A page continues
 * after the previous page's last row (`after`, the `nextCursor` of that page): one index seek
 * at any depth. An `offset` (a jump to page N) skips index entries only
 * and joins just the page's rows. Each level is one index range, so the five counts are five
 * range counts on the index, not a pass over every case.
 */
import { z } from 'zod';
import type { BoardResult, BoardRow } from '../../shared/api/supervision';
import { AppError } from '../../shared/api/errors';
import { formatIsoDate, ordinalFromCivil, type WorkingDayCalendar } from '../../shared/domain/calendar';
import { IsoDate } from '../../shared/api/contract-kit';
import { BOARD_LEVELS, type BoardLevel } from '../../shared/domain/lifecycle';
import type { CaseStatus } from '../../shared/api/cases';
import { dueEstimated } from './case-calendar';
import { calendarOf, commandTime, type CaseHost } from './case-host';

export interface BoardQuery {
  department?: string | undefined;
  clerkId?: string | undefined;
  level?: BoardLevel | undefined;
  limit: number;
  /** Page by position (a jump to page N)… */
  offset?: number | undefined;
  /** …or continue after the page whose `nextCursor` this is (keyset; any depth costs the same). */
  after?: string | undefined;
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

/** Each level as one range of the board indexes. */
const LEVEL_WHERE: Record<BoardLevel, string> = {
  paused: 'c.paused = 1',
  unknown: 'c.paused = 0 AND c.due_on IS NULL',
  red: 'c.paused = 0 AND c.due_on < @today',
  yellow: 'c.paused = 0 AND c.due_on >= @today AND c.due_on < @yellowBefore',
  normal: 'c.paused = 0 AND c.due_on >= @yellowBefore',
};

/**
 * The same levels for a page after a cursor. The cursor's own range (due_on after the last row)
 * must be the only lower bound the planner can seek on; a level's lower bound, still checked,
 * is kept out of the index choice with `+` (otherwise SQLite may seek from the level's start and
 * step over every row before the cursor).
 */
const LEVEL_AFTER_CURSOR: Record<BoardLevel, string> = {
  paused: 'c.paused = 1',
  unknown: 'c.paused = 0 AND c.due_on IS NULL',
  red: 'c.paused = 0 AND c.due_on < @today',
  yellow: 'c.paused = 0 AND +c.due_on >= @today AND c.due_on < @yellowBefore',
  normal: 'c.paused = 0 AND +c.due_on >= @yellowBefore',
};

/** Where the previous page ended: the board order's key of its last row. */
const Cursor = z.tuple([z.union([z.literal(0), z.literal(1)]), IsoDate.nullable(), z.string().min(1).max(64)]);
type Cursor = z.infer<typeof Cursor>;

function encodeCursor(row: Row): string {
  return Buffer.from(JSON.stringify([row.paused, row.due_on, row.case_number] satisfies Cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION', '督办列表的翻页位置无效：请回到第一页重新翻页');
  }
}

/**
 * The rows after `cursor` in board order, as up to three index ranges: the rest of the cursor's
 * due date, the later due dates with the same paused flag, then (running clocks done) the paused
 * cases. Three seeks, never a scan of what came before.
 */
function afterCursor(cursor: Cursor): { sql: string; params: Record<string, string | number> }[] {
  const [paused, dueOn, caseNumber] = cursor;
  const params = { afterPaused: paused, afterDue: dueOn ?? '', afterNumber: caseNumber };
  const sameDue = dueOn === null ? 'c.due_on IS NULL' : 'c.due_on = @afterDue';
  const laterDue = dueOn === null ? 'c.due_on IS NOT NULL' : 'c.due_on > @afterDue';
  const ranges = [
    { sql: `c.paused = @afterPaused AND ${sameDue} AND c.case_number > @afterNumber`, params },
    { sql: `c.paused = @afterPaused AND ${laterDue}`, params },
  ];
  if (paused === 0) ranges.push({ sql: 'c.paused = 1', params });
  return ranges;
}

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
  paused: 0 | 1;
  level: BoardLevel;
}

const ROW_COLUMNS = `c.id, c.case_number, c.item_name, c.department, p.name AS project_name, c.clerk_id, u.display_name AS clerk_name,
  c.status, c.accepted_on, c.due_on, c.paused, ${LEVEL_SQL} AS level
  FROM item_cases c JOIN projects p ON p.id = c.project_id LEFT JOIN users u ON u.id = c.clerk_id`;
const ORDER = 'ORDER BY c.paused, c.due_on, c.case_number';

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
  const base = where.join(' AND ');
  const countSql = BOARD_LEVELS.map((l) => `(SELECT COUNT(*) FROM item_cases c WHERE ${base} AND ${LEVEL_WHERE[l]}) AS "${l}"`).join(', ');
  const counts = db.prepare(`SELECT ${countSql}`).get(params) as BoardResult['counts'];
  const filter = [...where, ...(q.level !== undefined ? [LEVEL_WHERE[q.level]] : [])].join(' AND ');
  const total = q.level !== undefined ? counts[q.level] : Object.values(counts).reduce((a, b) => a + b, 0);

  let rows: Row[] = [];
  if (q.after !== undefined) {
    const afterFilter = [...where, ...(q.level !== undefined ? [LEVEL_AFTER_CURSOR[q.level]] : [])].join(' AND ');
    for (const range of afterCursor(decodeCursor(q.after))) {
      const more = db
        .prepare(`SELECT ${ROW_COLUMNS} WHERE ${afterFilter} AND ${range.sql} ${ORDER} LIMIT @limit`)
        .all({ ...params, ...range.params, limit: q.limit - rows.length }) as Row[];
      rows = rows.concat(more);
      if (rows.length >= q.limit) break;
    }
  } else {
    // The offset is skipped in a subquery the index covers; only the page's rows are joined.
    rows = db
      .prepare(
        `SELECT ${ROW_COLUMNS} WHERE c.rowid IN (SELECT c.rowid FROM item_cases c WHERE ${filter} ${ORDER} LIMIT @limit OFFSET @offset) ${ORDER}`,
      )
      .all({ ...params, limit: q.limit, offset: q.offset ?? 0 }) as Row[];
  }
  const last = rows.at(-1);
  const nextCursor = rows.length === q.limit && last ? encodeCursor(last) : null;
  return { today, counts, total, rows: rows.map((r) => toBoardRow(r, calendar, today)), nextCursor };
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
