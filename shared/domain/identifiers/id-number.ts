/**
 * 公民身份号码 (GB 11643-1999): 6-digit division, 8-digit birth date, 3-digit sequence, check
 * character by ISO 7064 MOD 11-2. The 2023 foreigner's permanent residence number (leading 9)
 * uses the same layout and check.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'birth-date' | 'check';

export interface IdNumberResult {
  ok: boolean;
  /** Upper-cased, trimmed number. */
  value: string;
  problem?: IdNumberProblem;
  /** Message for the clerk, in Chinese, when not ok. */
  message?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function checkIdNumber(input: string): IdNumberResult {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, value, problem: 'format', message: '身份证号应为18位：前17位数字，最后一位数字或X，请核对后重新输入' };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1850 || !isValidCalendarDate(year, month, day)) {
    return { ok: false, value, problem: 'birth-date', message: '身份证号中的出生日期不存在，请核对第7至14位' };
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, value, problem: 'check', message: '身份证号校验位不正确，请核对号码是否抄错' };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex };
}

/** Converts an old 15-digit number to 18 digits (19xx, or 18xx for sequences 996-999). */
export function upgradeIdNumber15(old: string): string {
  if (!/^\d{15}$/.test(old)) throw new RangeError('not a 15-digit ID number');
  const seq = Number(old.slice(12, 15));
  const century = seq >= 996 ? '18' : '19';
  const first17 = old.slice(0, 6) + century + old.slice(6);
  return first17 + idNumberCheckChar(first17);
}

/** Lists show `110105********002X`: division kept, birth date hidden. */
export function maskIdNumber(value: string): string {
  if (value.length < 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** Names in lists and on the applicant display: `张*`, `欧阳**`, `李*明`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return chars[0] + '*';
  if (chars.length === 3) return chars[0] + '*' + chars[2];
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 2);
}

/** Phone numbers in lists: `138****5678`. */
export function maskPhone(value: string): string {
  if (value.length < 7) return value;
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
