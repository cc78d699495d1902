/**
 * The holiday calendar as data (国务院办公厅 notices, one per year): days off with the holiday's
 * name, and make-up working days (调休上班). Non-working = weekends + days off − make-up days.
 * The platform publishes next year's file around November; it must pass this check before it
 * replaces anything the clerk's deadlines depend on.
 */
import { z } from 'zod';
import { formatIsoDate, isIsoDate, tryParseIsoDate, weekdayOfOrdinal, WEEKDAY_NAMES, yearOfOrdinal } from './dates';
import { issueDetails } from '../../api/issues';

/** Chinese message for a missing field vs. a wrong type, so IT knows which one to fix. */
function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `缺少此项（应为${what}）` : `应为${what}`);
}

const isoDateSchema = z
  .string({ error: expected('日期，如 2026-10-01') })
  .refine(isIsoDate, { error: '不是有效日期，应为 YYYY-MM-DD，如 2026-10-01' });

export const holidayPeriodSchema = z.object({
  name: z
    .string({ error: expected('节日名称') })
    .trim()
    .min(1, { error: '节日名称不能为空' }),
  from: isoDateSchema,
  /** Last day off, inclusive; equal to `from` for a one-day holiday. */
  to: isoDateSchema,
});

export const makeupWorkdaySchema = z.object({
  date: isoDateSchema,
  /** The holiday this Saturday or Sunday is worked for (informational). */
  forHoliday: z.string({ error: expected('节日名称') }).optional(),
});

export const holidayYearSchema = z.object({
  year: z
    .number({ error: expected('四位年份数字') })
    .int({ error: '年份应为整数' })
    .min(1990, { error: '年份应在 1990 至 2999 之间' })
    .max(2999, { error: '年份应在 1990 至 2999 之间' }),
  /** Title or number of the State Council notice, for people checking the data. */
  source: z.string({ error: expected('文字') }).optional(),
  holidays: z.array(holidayPeriodSchema, { error: expected('放假安排列表') }),
  makeupWorkdays: z.array(makeupWorkdaySchema, { error: expected('调休上班日列表') }),
});

export const holidayCalendarSchema = z.object({
  /** Free-form version set by whoever publishes the file (e.g. the platform's release tag). */
  version: z.string({ error: expected('版本文字') }).optional(),
  years: z.array(holidayYearSchema, { error: expected('年度列表') }).min(1, { error: '至少应有一个年度' }),
});

export type HolidayPeriod = z.infer<typeof holidayPeriodSchema>;
export type MakeupWorkday = z.infer<typeof makeupWorkdaySchema>;
export type HolidayYear = z.infer<typeof holidayYearSchema>;
export type HolidayCalendarData = z.infer<typeof holidayCalendarSchema>;

export interface CalendarDataProblem {
  /** Where in the file, e.g. `years[2].holidays[1].to`. */
  path: string;
  message: string;
}

export type HolidayCalendarParseResult = { ok: true; value: HolidayCalendarData } | { ok: false; problems: CalendarDataProblem[] };

/**
 * Validates a holiday calendar and lists every problem with its path, so one round trip fixes a
 * file. Structure first (zod); the rules between dates only run on a well-formed file.
 */
export function parseHolidayCalendar(input: unknown): HolidayCalendarParseResult {
  const shaped = holidayCalendarSchema.safeParse(input);
  if (!shaped.success) {
    return {
      ok: false,
      problems: issueDetails(shaped.error, 'file'),
    };
  }
  const problems = checkDateRules(shaped.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: shaped.data };
}

/** Only ever called with strings the schema has already accepted as dates. */
function ordinalOf(date: string): number {
  const ordinal = tryParseIsoDate(date);
  if (ordinal === undefined) throw new RangeError(`unchecked date ${date}`);
  return ordinal;
}

function checkDateRules(data: HolidayCalendarData): CalendarDataProblem[] {
  const problems: CalendarDataProblem[] = [];
  const firstIndexOfYear = new Map<number, number>();

  data.years.forEach((entry, y) => {
    const at = `years[${y}]`;
    const seenYear = firstIndexOfYear.get(entry.year);
    if (seenYear !== undefined) {
      problems.push({ path: `${at}.year`, message: `${entry.year}年重复出现（已在 years[${seenYear}] 中），每年只能有一条` });
    } else {
      firstIndexOfYear.set(entry.year, y);
    }

    // Which holiday claimed each day off, to report overlaps and clashes by name and path.
    const dayOff = new Map<number, { path: string; name: string }>();
    entry.holidays.forEach((holiday, h) => {
      const hp = `${at}.holidays[${h}]`;
      const from = ordinalOf(holiday.from);
      const to = ordinalOf(holiday.to);
      let inYear = true;
      for (const [field, ordinal] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (yearOfOrdinal(ordinal) !== entry.year) {
          problems.push({ path: `${hp}.${field}`, message: `${formatIsoDate(ordinal)} 不在 ${entry.year} 年内，请放到对应年份下` });
          inYear = false;
        }
      }
      if (to < from) {
        problems.push({ path: `${hp}.to`, message: `结束日期 ${holiday.to} 早于开始日期 ${holiday.from}` });
        return;
      }
      if (!inYear) return;
      // One problem per clashing earlier holiday, naming the clashing days as a range.
      const clashes = new Map<string, { name: string; first: number; last: number }>();
      for (let d = from; d <= to; d++) {
        const earlier = dayOff.get(d);
        if (!earlier) {
          dayOff.set(d, { path: hp, name: holiday.name });
          continue;
        }
        const clash = clashes.get(earlier.path);
        if (clash) clash.last = d;
        else clashes.set(earlier.path, { name: earlier.name, first: d, last: d });
      }
      for (const [earlierPath, clash] of clashes) {
        const days =
          clash.first === clash.last ? formatIsoDate(clash.first) : `${formatIsoDate(clash.first)} 至 ${formatIsoDate(clash.last)}`;
        problems.push({ path: hp, message: `${days} 已在 ${earlierPath}（${clash.name}）中列为休息日，不能重复` });
      }
    });

    const makeupSeen = new Map<number, string>();
    entry.makeupWorkdays.forEach((makeup, m) => {
      const mp = `${at}.makeupWorkdays[${m}].date`;
      const d = ordinalOf(makeup.date);
      if (yearOfOrdinal(d) !== entry.year) {
        problems.push({ path: mp, message: `${makeup.date} 不在 ${entry.year} 年内，请放到对应年份下` });
        return;
      }
      const earlier = makeupSeen.get(d);
      if (earlier !== undefined) {
        problems.push({ path: mp, message: `${makeup.date} 已在 ${earlier} 中列为调休上班日，不能重复` });
        return;
      }
      makeupSeen.set(d, mp);
      const off = dayOff.get(d);
      if (off) {
        problems.push({ path: mp, message: `${makeup.date} 同时被列为休息日（${off.path}，${off.name}）和调休上班日，请删去其一` });
      }
      const weekday = weekdayOfOrdinal(d);
      if (weekday !== 0 && weekday !== 6) {
        problems.push({ path: mp, message: `调休上班日应是周六或周日，${makeup.date} 是${WEEKDAY_NAMES[weekday]}，本来就上班` });
      }
    });
  });
  return problems;
}

/**
 * Lays a newer file over the loaded one: a year in `update` replaces that whole year (a notice
 * is published per year, and a corrected notice supersedes the old one), other years are kept.
 * Both inputs must already have passed parseHolidayCalendar.
 */
export function mergeHolidayCalendars(base: HolidayCalendarData, update: HolidayCalendarData): HolidayCalendarData {
  const byYear = new Map<number, HolidayYear>();
  for (const entry of base.years) byYear.set(entry.year, entry);
  for (const entry of update.years) byYear.set(entry.year, entry);
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  const version = update.version ?? base.version;
  return version === undefined ? { years } : { version, years };
}
