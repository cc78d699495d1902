/**
 * A year's holidays before the State Council has published its arrangement: the statutory days
 * of 《全国年节及纪念日放假办法》 as revised in 2024, with weekends off and no make-up working
 * days (调休 is decided each year by the notice and cannot be guessed). Lunar dates and 清明
 * come from tyme4ts, an astronomical calendar library, never from a hand-made table.
 *
 * A statutory day that falls on a weekend is not moved either (补假 is also the notice's
 * decision): the provisional year is the floor the law guarantees, marked 暂估 wherever used.
 */
import { LunarDay, SolarTerm } from 'tyme4ts';
import { formatIsoDate, ordinalFromCivil } from './dates';
import type { HolidayPeriod, HolidayYear } from './holiday-data';

/** First and last Gregorian years the library's lunar tables are trusted for here. */
export const PROVISIONAL_FIRST_YEAR = 1991;
export const PROVISIONAL_LAST_YEAR = 2099;

interface StatutoryDays {
  name: string;
  /** Ordinals of the days off. */
  days: number[];
}

function run(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

function solarOrdinal(day: { getYear(): number; getMonth(): number; getDay(): number }): number {
  return ordinalFromCivil(day.getYear(), day.getMonth(), day.getDay());
}

/** The statutory holidays of one Gregorian year, per the 2024 revision. */
export function statutoryHolidays(year: number): StatutoryDays[] {
  // 除夕 is the day before 正月初一 of the lunar year that begins in this Gregorian year.
  const newYear = solarOrdinal(LunarDay.fromYmd(year, 1, 1).getSolarDay());
  const qingming = solarOrdinal(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay());
  return [
    { name: '元旦', days: [ordinalFromCivil(year, 1, 1)] },
    { name: '春节', days: run(newYear - 1, 4) },
    { name: '清明节', days: [qingming] },
    { name: '劳动节', days: run(ordinalFromCivil(year, 5, 1), 2) },
    { name: '端午节', days: [solarOrdinal(LunarDay.fromYmd(year, 5, 5).getSolarDay())] },
    { name: '中秋节', days: [solarOrdinal(LunarDay.fromYmd(year, 8, 15).getSolarDay())] },
    { name: '国庆节', days: run(ordinalFromCivil(year, 10, 1), 3) },
  ];
}

const cache = new Map<number, HolidayYear>();

/**
 * The provisional arrangement of a year, as holiday data. Days claimed by two holidays (中秋
 * on 1–3 October, as in 2028) become one period named after both, as the notices write it.
 */
export function provisionalHolidayYear(year: number): HolidayYear {
  const cached = cache.get(year);
  if (cached) return cached;
  const names = new Map<number, string[]>();
  for (const holiday of statutoryHolidays(year)) {
    for (const day of holiday.days) names.set(day, [...(names.get(day) ?? []), holiday.name]);
  }
  const holidays: HolidayPeriod[] = [];
  let current: { name: string; from: number; to: number } | undefined;
  for (const day of [...names.keys()].sort((a, b) => a - b)) {
    const name = names.get(day)!.join('、');
    if (current && current.name === name && current.to === day - 1) {
      current.to = day;
      continue;
    }
    if (current) holidays.push({ name: current.name, from: formatIsoDate(current.from), to: formatIsoDate(current.to) });
    current = { name, from: day, to: day };
  }
  if (current) holidays.push({ name: current.name, from: formatIsoDate(current.from), to: formatIsoDate(current.to) });
  const entry: HolidayYear = {
    year,
    source: `${year}年放假安排尚未公布，按《全国年节及纪念日放假办法》暂估`,
    holidays,
    makeupWorkdays: [],
  };
  cache.set(year, entry);
  return entry;
}
