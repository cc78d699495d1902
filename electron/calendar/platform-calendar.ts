import { parseHolidayCalendar, type HolidayCalendarData } from '../../shared/domain/calendar';
import { log } from '../log';
import type { Db } from '../store/database';
import { refreshWorkstationCalendar, type CalendarHost } from './recompute';

/**
 * The platform publishes a year's holiday notice (e.g. 2027, announced around November) as one
 * `calendar` feed item whose data is a year in our holidays.json format. Valid years replace
 * the built-in ones; an invalid year is skipped and logged, never half-applied.
 */
export function platformCalendarYears(db: Db): { data: HolidayCalendarData; refused: { year: number; reason: string }[] } {
  const rows = db.prepare('SELECT year, data FROM platform_calendars ORDER BY year').all() as { year: number; data: string }[];
  const years: HolidayCalendarData['years'] = [];
  const refused: { year: number; reason: string }[] = [];
  for (const row of rows) {
    const parsed = parseHolidayCalendar({ years: [JSON.parse(row.data) as unknown] });
    if (parsed.ok && parsed.value.years[0]?.year === row.year) years.push(parsed.value.years[0]);
    else
      refused.push({
        year: row.year,
        reason: parsed.ok ? '年份与数据不符' : parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      });
  }
  return { data: { version: 'platform', years }, refused };
}

/**
 * Rebuilds the workstation's case calendar from the built-in file, the platform's years and
 * the administrator's imports, and recomputes open deadlines when a year changed.
 */
export function applyPlatformCalendars(host: CalendarHost, db: Db = host.db): number {
  const { data, refused } = platformCalendarYears(db);
  for (const r of refused) log.warn('platform calendar year refused', { year: r.year, reason: r.reason });
  refreshWorkstationCalendar(host, '收到平台同步的放假安排');
  return data.years.length;
}
