import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { formatIsoDate, ordinalFromCivil, parseIsoDate, weekdayOfOrdinal, WorkingDayCalendar } from '../../../shared/domain/calendar';
import { builtinCalendar, builtinCalendarData } from './builtin-calendar';

const calendar = builtinCalendar();

function expectAppError(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (message) expect((error as AppError).message).toMatch(message);
    return;
  }
  throw new Error(`expected AppError ${code}`);
}

/** DOMAIN.md section 9, 2026, typed in independently of holidays.json. */
const DAYS_OFF_2026: [string, string, string][] = [
  ['元旦', '2026-01-01', '2026-01-03'],
  ['春节', '2026-02-15', '2026-02-23'],
  ['清明节', '2026-04-04', '2026-04-06'],
  ['劳动节', '2026-05-01', '2026-05-05'],
  ['端午节', '2026-06-19', '2026-06-21'],
  ['中秋节', '2026-09-25', '2026-09-27'],
  ['国庆节', '2026-10-01', '2026-10-07'],
];
const MAKEUP_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

describe('WorkingDayCalendar', () => {
  it('counts 248 working days in 2025 and in 2026', () => {
    expect(calendar.workdaysInYear(2025)).toBe(248);
    expect(calendar.workdaysInYear(2026)).toBe(248);
    expect(calendar.workdaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(calendar.knownYears()).toEqual([2024, 2025, 2026]);
  });

  it('reproduces the worked examples of DOMAIN.md', () => {
    expect(calendar.addWorkdays('2025-09-26', 20)).toBe('2025-10-30');
    expect(calendar.addWorkdays('2026-02-12', 7)).toBe('2026-02-28');
    expect(calendar.classify('2026-02-28')).toEqual({ workday: true, kind: 'makeup-workday', reason: '调休上班' });
  });

  it('classifies every day of 2026 as the State Council notice says', () => {
    const off = new Map<number, string>();
    for (const [name, from, to] of DAYS_OFF_2026) for (let d = parseIsoDate(from); d <= parseIsoDate(to); d++) off.set(d, name);
    const makeup = new Set(MAKEUP_2026.map((d) => parseIsoDate(d)));
    let workdays = 0;
    for (let d = ordinalFromCivil(2026, 1, 1); d <= ordinalFromCivil(2026, 12, 31); d++) {
      const date = formatIsoDate(d);
      const got = calendar.classify(date);
      const weekday = weekdayOfOrdinal(d);
      const holiday = off.get(d);
      if (holiday) expect(got, date).toEqual({ workday: false, kind: 'holiday', reason: holiday });
      else if (makeup.has(d)) expect(got, date).toEqual({ workday: true, kind: 'makeup-workday', reason: '调休上班' });
      else if (weekday === 6) expect(got, date).toEqual({ workday: false, kind: 'weekend', reason: '周六' });
      else if (weekday === 0) expect(got, date).toEqual({ workday: false, kind: 'weekend', reason: '周日' });
      else expect(got, date).toEqual({ workday: true, kind: 'workday', reason: '工作日' });
      if (got.workday) workdays++;
    }
    expect(workdays).toBe(248);
  });

  it('names the merged 2025 National Day and Mid-Autumn holiday', () => {
    expect(calendar.classify('2025-10-06').reason).toBe('国庆节、中秋节');
    expect(calendar.classify('2025-10-11').kind).toBe('makeup-workday');
    expect(calendar.classify('2024-09-14').kind).toBe('makeup-workday');
  });

  it('adds working days forwards and backwards, and 0 returns the date itself', () => {
    expect(calendar.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkdays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkdays('2026-02-15', 1)).toBe('2026-02-24');
    expect(calendar.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.addWorkdays('2026-02-22', -2)).toBe('2026-02-13');
    expect(calendar.addWorkdays('2026-02-22', 0)).toBe('2026-02-22');
    expect(calendar.addWorkdays('2024-12-31', 1)).toBe('2025-01-02');
  });

  it('agrees with a day-by-day count everywhere (addWorkdays and workdaysBetween are inverses)', () => {
    const first = ordinalFromCivil(2024, 1, 1);
    const last = ordinalFromCivil(2026, 12, 31);
    const mismatches: string[] = [];
    for (let start = first; start <= last - 80; start += 3) {
      const from = formatIsoDate(start);
      let count = 0;
      for (let d = start + 1; d <= start + 80; d++) {
        const to = formatIsoDate(d);
        if (calendar.classify(to).workday) {
          count++;
          if (calendar.addWorkdays(from, count) !== to) mismatches.push(`${from} + ${count}`);
          // Going back lands on the last working day not after `from`.
          if (calendar.classify(from).workday && calendar.addWorkdays(to, -count) !== from) mismatches.push(`${to} - ${count}`);
        }
        if (calendar.workdaysBetween(from, to) !== count || calendar.workdaysBetween(to, from) !== -count)
          mismatches.push(`${from}..${to}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reports dates outside the known years instead of guessing', () => {
    expectAppError(() => calendar.classify('2027-01-04'), 'UNKNOWN_DATE', /没有2027年的放假安排（现有2024—2026年）/);
    expectAppError(() => calendar.classify('2023-12-29'), 'UNKNOWN_DATE', /2023年/);
    expectAppError(() => calendar.addWorkdays('2026-12-28', 5), 'UNKNOWN_DATE', /超出了节假日日历的范围/);
    expectAppError(() => calendar.addWorkdays('2024-01-03', -3), 'UNKNOWN_DATE');
    expectAppError(() => calendar.workdaysBetween('2026-12-01', '2027-01-10'), 'UNKNOWN_DATE');
    expectAppError(() => calendar.classify('2026-02-29'), 'VALIDATION', /不是有效日期/);
    expectAppError(() => calendar.addWorkdays('2026-03-02', 1.5), 'VALIDATION');
  });

  it('refuses to count across a year missing between known years', () => {
    const data = builtinCalendarData();
    const gappy = new WorkingDayCalendar({ years: data.years.filter((y) => y.year !== 2025) });
    expect(gappy.knownYears()).toEqual([2024, 2026]);
    expect(gappy.addWorkdays('2024-12-30', 1)).toBe('2024-12-31');
    expectAppError(() => gappy.addWorkdays('2024-12-30', 3), 'UNKNOWN_DATE', /2025年/);
    expectAppError(() => gappy.addWorkdays('2026-01-05', -2), 'UNKNOWN_DATE', /2025年/);
    expectAppError(() => gappy.workdaysBetween('2024-12-02', '2026-01-10'), 'UNKNOWN_DATE', /现有2024、2026年/);
    expectAppError(() => gappy.classify('2025-06-01'), 'UNKNOWN_DATE');
  });

  it('refuses invalid data through fromUnknown with every problem in details', () => {
    try {
      WorkingDayCalendar.fromUnknown({ years: [{ year: 2026, holidays: [{ name: '春节', from: '2026-02-15', to: '2025-02-23' }] }] });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION');
      expect((error as AppError).details?.map((d) => d.path)).toEqual(['years[0].makeupWorkdays']);
    }
  });
});
