/**
 * Calendar dates as 'YYYY-MM-DD' strings and as day ordinals (days since 1970-01-01).
 * Arithmetic runs on ordinals so no time zone or daylight-saving rule can shift a date:
 * a JavaScript Date at local midnight is a trap on a clerk's machine in any zone.
 */
import { AppError } from '../../api/errors';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a civil month (1-12): plain arithmetic, so no Date and no PC time zone is involved. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian; H. Hinnant's algorithm). */
export function ordinalFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromOrdinal(ordinal: number): { year: number; month: number; day: number } {
  const z = ordinal + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Returns the ordinal, or undefined when the text is not an existing 'YYYY-MM-DD' date. */
export function tryParseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return ordinalFromCivil(year, month, day);
}

export function isIsoDate(text: string): boolean {
  return tryParseIsoDate(text) !== undefined;
}

/** Parses a date that crossed the API or the CLI; a malformed one is the caller's mistake. */
export function parseIsoDate(text: string, what = '日期'): number {
  const ordinal = tryParseIsoDate(text);
  if (ordinal === undefined) {
    throw new AppError('VALIDATION', `${what}“${text}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-10-08`);
  }
  return ordinal;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(ordinal: number): IsoDate {
  const { year, month, day } = civilFromOrdinal(ordinal);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfOrdinal(ordinal: number): number {
  return (((ordinal + 4) % 7) + 7) % 7;
}

export function yearOfOrdinal(ordinal: number): number {
  return civilFromOrdinal(ordinal).year;
}

export function addNaturalDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(parseIsoDate(date) + days);
}
