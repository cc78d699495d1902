/**
 * Where the workstation's holiday calendar comes from, newest arrival winning per year: the
 * release's resources/calendar/holidays.json, the platform's feed (platform_calendars), and
 * notices an administrator imported (calendar_imports). Years none of them has are
 * provisional (see shared/domain/calendar/provisional-year.ts).
 */
import {
  mergeHolidayCalendars,
  parseHolidayCalendar,
  type HolidayCalendarData,
  type HolidayYear,
  type ParsedNotice,
  type WorkingDayCalendar,
} from '../../shared/domain/calendar';
import { log } from '../log';
import type { Db } from '../store/database';
import { loadHolidayCalendarData, workingDayCalendarOf } from './load';

interface ArrivedYear {
  entry: HolidayYear;
  at: string;
}

function validYear(data: string, year: number): HolidayYear | string {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return '不是有效的 JSON';
  }
  const parsed = parseHolidayCalendar({ years: [json] });
  if (!parsed.ok) return parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return parsed.value.years[0]?.year === year ? parsed.value.years[0] : '年份与数据不符';
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Platform and imported years, oldest arrival first; invalid rows are logged and skipped. */
function arrivedYears(db: Db): ArrivedYear[] {
  const rows: { year: number; data: string; at: string; origin: string }[] = [];
  if (hasTable(db, 'platform_calendars')) {
    rows.push(...(db.prepare("SELECT year, data, received_at AS at, 'platform' AS origin FROM platform_calendars").all() as typeof rows));
  }
  if (hasTable(db, 'calendar_imports')) {
    rows.push(...(db.prepare("SELECT year, data, imported_at AS at, 'import' AS origin FROM calendar_imports").all() as typeof rows));
  }
  const out: ArrivedYear[] = [];
  for (const row of rows) {
    const entry = validYear(row.data, row.year);
    if (typeof entry === 'string') log.warn('calendar year refused', { year: row.year, origin: row.origin, reason: entry });
    else out.push({ entry, at: row.at });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The holiday data the workstation runs on: the release's file with every arrival laid over it. */
export function workstationCalendarData(db: Db, env: NodeJS.ProcessEnv = process.env): HolidayCalendarData {
  let data = loadHolidayCalendarData({ env });
  for (const arrived of arrivedYears(db)) data = mergeHolidayCalendars(data, { years: [arrived.entry] });
  return data;
}

export function buildWorkstationCalendar(db: Db, env: NodeJS.ProcessEnv = process.env): WorkingDayCalendar {
  return workingDayCalendarOf(workstationCalendarData(db, env));
}

/**
 * Stores an administrator's import. A make-up day the notice puts in late December of the
 * year before is added to that year's arrangement, stored as an import of its own.
 */
export function storeImportedNotice(db: Db, notice: ParsedNotice, text: string, actor: string | null, at: string): void {
  const upsert = db.prepare(
    `INSERT INTO calendar_imports (year, data, notice_text, imported_by, imported_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (year) DO UPDATE SET data = excluded.data, notice_text = excluded.notice_text, imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
  );
  db.transaction(() => {
    upsert.run(notice.year.year, JSON.stringify(notice.year), text, actor, at);
    if (notice.previousYearMakeup.length > 0) {
      const previous = notice.year.year - 1;
      const current = workstationCalendarData(db).years.find((y) => y.year === previous);
      if (current) {
        const known = new Set(current.makeupWorkdays.map((m) => m.date));
        const makeupWorkdays = [...current.makeupWorkdays, ...notice.previousYearMakeup.filter((m) => !known.has(m.date))];
        const merged: HolidayYear = { ...current, makeupWorkdays };
        upsert.run(previous, JSON.stringify(merged), text, actor, at);
      }
    }
  })();
}

export interface ImportedNotice {
  year: number;
  importedBy: string | null;
  importedAt: string;
}

export function importedNotices(db: Db): ImportedNotice[] {
  if (!hasTable(db, 'calendar_imports')) return [];
  return db
    .prepare('SELECT year, imported_by AS importedBy, imported_at AS importedAt FROM calendar_imports ORDER BY year')
    .all() as ImportedNotice[];
}
