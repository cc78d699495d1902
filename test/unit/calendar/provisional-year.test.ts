import { describe, expect, it } from 'vitest';
import {
  mergeHolidayCalendars,
  provisionalHolidayYear,
  statutoryHolidays,
  WorkingDayCalendar,
  formatIsoDate,
  parseIsoDate,
} from '../../../shared/domain/calendar';
import { builtinCalendarData } from './builtin-calendar';

const range = { from: 1991, to: 2099 };
const calendar = () => new WorkingDayCalendar(builtinCalendarData(), { provisional: range });

describe('provisional years from the statutory holidays (2024 revision)', () => {
  it('finds the lunar and solar-term holidays of 2027 and 2028 as published almanacs give them', () => {
    // Independently known: 2027 除夕 2-05 (春节 2-06), 清明 4-05, 端午 6-09, 中秋 9-15;
    // 2028 除夕 1-25 (春节 1-26), 清明 4-04, 端午 5-28, 中秋 10-03.
    const days = (year: number) => Object.fromEntries(statutoryHolidays(year).map((h) => [h.name, h.days.map(formatIsoDate)]));
    expect(days(2027)).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
    expect(days(2028)).toMatchObject({
      春节: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'],
      清明节: ['2028-04-04'],
      端午节: ['2028-05-28'],
      中秋节: ['2028-10-03'],
    });
  });

  it('agrees with the published years on every statutory day (the notices add bridges, never remove one)', () => {
    const published = new WorkingDayCalendar(builtinCalendarData());
    for (const year of [2025, 2026]) {
      for (const holiday of statutoryHolidays(year)) {
        for (const day of holiday.days)
          expect(published.isWorkdayOrdinal(day), `${year} ${holiday.name} ${formatIsoDate(day)}`).toBe(false);
      }
    }
  });

  it('merges a holiday that falls inside another (中秋 on 3 October 2028) into one named period', () => {
    const y2028 = provisionalHolidayYear(2028);
    expect(y2028.holidays.filter((h) => h.from.startsWith('2028-10'))).toEqual([
      { name: '国庆节', from: '2028-10-01', to: '2028-10-02' },
      { name: '中秋节、国庆节', from: '2028-10-03', to: '2028-10-03' },
    ]);
    expect(y2028.makeupWorkdays).toEqual([]);
  });

  it('answers is-workday and add-workdays across an unpublished year, and flags the answer', () => {
    const c = calendar();
    expect(c.publishedYears()).toEqual([2024, 2025, 2026]);
    expect(c.isProvisionalYear(2027)).toBe(true);
    expect(c.classify('2027-02-05')).toMatchObject({ workday: false, reason: '春节' });
    expect(c.classify('2027-02-09')).toMatchObject({ workday: true });
    expect(c.classify('2027-02-06')).toMatchObject({ workday: false, reason: '春节' }); // a Saturday, still 春节
    expect(c.classify('2027-10-04')).toMatchObject({ workday: true }); // no 调休 guessed
    expect(c.classify('2028-01-25')).toMatchObject({ workday: false, reason: '春节' });
    // 2026-12-28 (Mon) + 10: 29, 30, 31, [1-1 元旦], 4..8, 11, 12.
    expect(c.addWorkdays('2026-12-28', 10)).toBe('2027-01-12');
    expect(c.addWorkdays('2027-02-04', 1)).toBe('2027-02-09');
    // 261 weekdays less the 7 statutory days that fall on one (1-1, 2-5, 2-8, 4-5, 6-9, 9-15, 10-1).
    expect(c.workdaysInYear(2027)).toBe(254);
    const day = (iso: string) => parseIsoDate(iso);
    expect(c.isEstimatedBetween(day('2026-12-01'), day('2026-12-31'))).toBe(false);
    expect(c.isEstimatedBetween(day('2026-12-28'), day('2027-01-12'))).toBe(true);
  });

  it('stops being provisional the moment a year is published', () => {
    const published2027 = {
      years: [{ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], makeupWorkdays: [] }],
    };
    const c = new WorkingDayCalendar(mergeHolidayCalendars(builtinCalendarData(), published2027), { provisional: range });
    expect(c.isProvisionalYear(2027)).toBe(false);
    expect(c.isProvisionalYear(2028)).toBe(true);
    expect(c.addWorkdays('2026-12-28', 10)).toBe('2027-01-13');
    expect(c.classify('2027-02-05')).toMatchObject({ workday: true }); // this (made-up) notice has no 春节 line
  });

  it('still refuses a year beyond the provisional range instead of guessing', () => {
    expect(() => calendar().classify('2100-01-04')).toThrow(/2100/);
    expect(() => new WorkingDayCalendar(builtinCalendarData()).classify('2027-01-04')).toThrow(/没有2027年的放假安排/);
  });
});
