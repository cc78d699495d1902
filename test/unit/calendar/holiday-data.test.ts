import { describe, expect, it } from 'vitest';
import { mergeHolidayCalendars, parseHolidayCalendar, WorkingDayCalendar, type HolidayCalendarData } from '../../../shared/domain/calendar';
import { builtinCalendarData } from './builtin-calendar';

function problemsOf(input: unknown): { path: string; message: string }[] {
  const result = parseHolidayCalendar(input);
  if (result.ok) throw new Error('expected the calendar to be refused');
  return result.problems;
}

describe('holiday calendar data', () => {
  it('accepts the shipped file with 2024, 2025 and 2026', () => {
    const data = builtinCalendarData();
    expect(data.years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
  });

  it('lists every date-rule problem with its path, in Chinese', () => {
    const problems = problemsOf({
      years: [
        {
          year: 2026,
          holidays: [
            { name: '元旦', from: '2025-12-31', to: '2026-01-02' },
            { name: '春节', from: '2026-02-23', to: '2026-02-15' },
            { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
            { name: '中秋节', from: '2026-10-06', to: '2026-10-08' },
          ],
          makeupWorkdays: [
            { date: '2026-10-03' },
            { date: '2026-02-13' },
            { date: '2026-10-10' },
            { date: '2026-10-10' },
            { date: '2027-01-02' },
          ],
        },
        { year: 2026, holidays: [], makeupWorkdays: [] },
      ],
    });
    const byPath = new Map(problems.map((p) => [p.path, p.message]));
    expect(byPath.get('years[0].holidays[0].from')).toMatch(/2025-12-31 不在 2026 年内/);
    expect(byPath.get('years[0].holidays[1].to')).toMatch(/早于开始日期/);
    expect(byPath.get('years[0].holidays[3]')).toBe('2026-10-06 至 2026-10-07 已在 years[0].holidays[2]（国庆节）中列为休息日，不能重复');
    expect(byPath.get('years[0].makeupWorkdays[0].date')).toMatch(/同时被列为休息日.*国庆节.*调休上班日/);
    expect(byPath.get('years[0].makeupWorkdays[1].date')).toMatch(/应是周六或周日.*周五/);
    expect(byPath.get('years[0].makeupWorkdays[3].date')).toMatch(/已在 years\[0\]\.makeupWorkdays\[2\].*不能重复/);
    expect(byPath.get('years[0].makeupWorkdays[4].date')).toMatch(/不在 2026 年内/);
    expect(byPath.get('years[1].year')).toMatch(/2026年重复出现/);
    expect(problems).toHaveLength(8);
  });

  it('reports structural problems (missing fields, wrong types, impossible dates) with paths', () => {
    const problems = problemsOf({
      years: [
        { year: '2026', holidays: [{ name: '', from: '2026-02-30', to: '2026-03-01' }], makeupWorkdays: [{ date: 20260214 }] },
        { year: 2027, holidays: [] },
      ],
    });
    const byPath = new Map(problems.map((p) => [p.path, p.message]));
    expect(byPath.get('years[0].year')).toMatch(/应为四位年份数字/);
    expect(byPath.get('years[0].holidays[0].name')).toBe('节日名称不能为空');
    expect(byPath.get('years[0].holidays[0].from')).toMatch(/不是有效日期/);
    expect(byPath.get('years[0].makeupWorkdays[0].date')).toMatch(/应为日期/);
    expect(byPath.get('years[1].makeupWorkdays')).toMatch(/缺少此项/);
    expect(problemsOf({ years: [] })[0]).toEqual({ path: 'years', message: '至少应有一个年度' });
    expect(problemsOf(null)[0]?.path).toBe('(根)');
  });

  it('lets a newer file add a year and replace a corrected one', () => {
    const base = builtinCalendarData();
    // Synthetic 2027 data (the real notice is not yet published): only the merge is under test.
    const update: HolidayCalendarData = {
      version: 'platform-2027-1',
      years: [
        { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeupWorkdays: [] },
        { year: 2026, holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-01' }], makeupWorkdays: [] },
      ],
    };
    const merged = mergeHolidayCalendars(base, update);
    expect(merged.version).toBe('platform-2027-1');
    expect(merged.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(merged.years[2]?.holidays).toHaveLength(1);
    expect(base.years[2]?.holidays).toHaveLength(7);
    const calendar = new WorkingDayCalendar(merged);
    expect(calendar.knownYears()).toEqual([2024, 2025, 2026, 2027]);
    expect(calendar.classify('2026-02-16').kind).toBe('workday');
    expect(calendar.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(mergeHolidayCalendars({ years: base.years }, { years: [] }).version).toBeUndefined();
  });
});
