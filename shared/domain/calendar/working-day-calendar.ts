/**
 * Which days are working days, from the holiday data. A year the data does not cover is either
 * reported (UNKNOWN_DATE) or, when the calendar is built with `provisional` years, derived from
 * the statutory holidays (provisional-year.ts) and flagged: every answer that rests on such a
 * year can be asked `isEstimated…`, so the screens and documents say 暂估 instead of guessing
 * silently.
 *
 * The supervision board computes deadlines for ~100,000 cases, so everything is precomputed
 * once per calendar: a day-kind table, prefix counts of working days and of unknown days, and
 * the sorted list of working days. addWorkdays is then one index look-up (O(1), better than the
 * O(log n) binary search the brief asked for) and workdaysBetween two subtractions.
 */
import { AppError } from '../../api/errors';
import { formatIsoDate, ordinalFromCivil, parseIsoDate, weekdayOfOrdinal, yearOfOrdinal, type IsoDate } from './dates';
import { parseHolidayCalendar, type HolidayCalendarData, type HolidayYear } from './holiday-data';
import { provisionalHolidayYear } from './provisional-year';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface DayClassification {
  workday: boolean;
  kind: DayKind;
  /** Chinese, for the clerk: '工作日', '周六', '周日', the holiday's name, or '调休上班'. */
  reason: string;
}

const UNKNOWN = 0;
const WORKDAY = 1;
const WEEKEND = 2;
const HOLIDAY = 3;
const MAKEUP = 4;

export interface CalendarOptions {
  /**
   * Years to derive from the statutory holidays where the data has no published arrangement
   * (inclusive range). The product uses PROVISIONAL_FIRST_YEAR..PROVISIONAL_LAST_YEAR.
   */
  provisional?: { from: number; to: number };
}

export class WorkingDayCalendar {
  /** Ordinal of index 0: the day before the first known year, so an anchor there still works. */
  private readonly origin: number;
  private readonly last: number;
  private readonly kinds: Uint8Array;
  /** workdaysBefore[i] = working days among indices [0, i). */
  private readonly workdaysBefore: Int32Array;
  /** unknownBefore[i] = days of unknown years among indices [0, i); index 0 itself counts. */
  private readonly unknownBefore: Int32Array;
  /** Ordinals of all working days, ascending. */
  private readonly workdayOrdinals: Int32Array;
  private readonly holidayNames = new Map<number, string>();
  private readonly years: number[];
  /** Years whose days come from provisionalHolidayYear, not from a published notice. */
  private readonly provisionalSet: ReadonlySet<number>;
  /** provisionalBefore[i] = days of provisional years among indices [0, i). */
  private readonly provisionalBefore: Int32Array;

  /** From data that has passed parseHolidayCalendar; use fromUnknown for anything else. */
  constructor(data: HolidayCalendarData, options: CalendarOptions = {}) {
    const published = new Set(data.years.map((y) => y.year));
    const derived: HolidayYear[] = [];
    if (options.provisional) {
      for (let year = options.provisional.from; year <= options.provisional.to; year++) {
        if (!published.has(year)) derived.push(provisionalHolidayYear(year));
      }
    }
    this.provisionalSet = new Set(derived.map((y) => y.year));
    const entries = [...data.years, ...derived];
    this.years = [...new Set(entries.map((y) => y.year))].sort((a, b) => a - b);
    const firstYear = this.years[0];
    const lastYear = this.years[this.years.length - 1];
    if (firstYear === undefined || lastYear === undefined) {
      throw new AppError('VALIDATION', '节假日日历中没有任何年份，请导入正确的日历文件');
    }
    this.origin = ordinalFromCivil(firstYear, 1, 1) - 1;
    this.last = ordinalFromCivil(lastYear, 12, 31);
    const length = this.last - this.origin + 1;
    this.kinds = new Uint8Array(length);

    for (const entry of entries) {
      const start = ordinalFromCivil(entry.year, 1, 1);
      const end = ordinalFromCivil(entry.year, 12, 31);
      for (let d = start; d <= end; d++) {
        const weekday = weekdayOfOrdinal(d);
        this.kinds[d - this.origin] = weekday === 0 || weekday === 6 ? WEEKEND : WORKDAY;
      }
      for (const holiday of entry.holidays) {
        const from = parseIsoDate(holiday.from);
        const to = parseIsoDate(holiday.to);
        for (let d = from; d <= to; d++) {
          this.kinds[d - this.origin] = HOLIDAY;
          this.holidayNames.set(d, holiday.name);
        }
      }
      for (const makeup of entry.makeupWorkdays) this.kinds[parseIsoDate(makeup.date) - this.origin] = MAKEUP;
    }

    this.workdaysBefore = new Int32Array(length + 1);
    this.unknownBefore = new Int32Array(length + 1);
    this.provisionalBefore = new Int32Array(length + 1);
    let workdays = 0;
    for (let i = 0; i < length; i++) {
      const kind = this.kinds[i];
      const isWork = kind === WORKDAY || kind === MAKEUP ? 1 : 0;
      workdays += isWork;
      this.workdaysBefore[i + 1] = this.workdaysBefore[i]! + isWork;
      this.unknownBefore[i + 1] = this.unknownBefore[i]! + (kind === UNKNOWN ? 1 : 0);
      const provisional = this.provisionalSet.has(yearOfOrdinal(i + this.origin)) ? 1 : 0;
      this.provisionalBefore[i + 1] = this.provisionalBefore[i]! + provisional;
    }
    this.workdayOrdinals = new Int32Array(workdays);
    let k = 0;
    for (let i = 0; i < length; i++) {
      const kind = this.kinds[i];
      if (kind === WORKDAY || kind === MAKEUP) this.workdayOrdinals[k++] = i + this.origin;
    }
  }

  /** Validates untrusted JSON first; throws VALIDATION with every problem in `details`. */
  static fromUnknown(input: unknown): WorkingDayCalendar {
    const parsed = parseHolidayCalendar(input);
    if (!parsed.ok) {
      throw new AppError('VALIDATION', `节假日日历有 ${parsed.problems.length} 处错误，请修正后重新导入`, parsed.problems);
    }
    return new WorkingDayCalendar(parsed.value);
  }

  knownYears(): number[] {
    return [...this.years];
  }

  /** Years with a published arrangement (built-in, platform or imported). */
  publishedYears(): number[] {
    return this.years.filter((y) => !this.provisionalSet.has(y));
  }

  /** True when the year's days are derived from the statutory holidays (暂估). */
  isProvisionalYear(year: number): boolean {
    return this.provisionalSet.has(year);
  }

  /** True when any day in [a, b] (ordinals, either order) lies in a provisional year. */
  isEstimatedBetween(a: number, b: number): boolean {
    if (this.provisionalSet.size === 0) return false;
    const lo = Math.max(Math.min(a, b), this.origin);
    const hi = Math.min(Math.max(a, b), this.last);
    if (hi < lo) return false;
    return this.provisionalBefore[hi - this.origin + 1]! - this.provisionalBefore[lo - this.origin]! > 0;
  }

  /** Number of working days in a known year (2025 and 2026 both have 248). */
  workdaysInYear(year: number): number {
    const first = ordinalFromCivil(year, 1, 1);
    this.requireKnown(first);
    return this.countWorkdaysOrdinal(first - 1, ordinalFromCivil(year, 12, 31));
  }

  classify(date: IsoDate): DayClassification {
    return this.classifyOrdinal(parseIsoDate(date));
  }

  isWorkday(date: IsoDate): boolean {
    return this.classify(date).workday;
  }

  /** The n-th working day after `date` (the start day is not counted); n < 0 goes back; 0 returns `date`. */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    const start = parseIsoDate(date);
    this.requireKnown(start);
    return formatIsoDate(this.addWorkdaysToOrdinal(start, n));
  }

  /**
   * Working days in (from, to]: the first day is not counted, the last is — so
   * workdaysBetween(d, addWorkdays(d, n)) === n. Negative when `to` is before `from`.
   */
  workdaysBetween(from: IsoDate, to: IsoDate): number {
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    this.requireKnown(a);
    this.requireKnown(b);
    return a <= b ? this.countWorkdaysOrdinal(a, b) : -this.countWorkdaysOrdinal(b, a);
  }

  // ---- Ordinal API for the deadline engine (hot path: no string parsing). ----

  classifyOrdinal(ordinal: number): DayClassification {
    const kind = this.kindAt(ordinal);
    switch (kind) {
      case WORKDAY:
        return { workday: true, kind: 'workday', reason: '工作日' };
      case MAKEUP:
        return { workday: true, kind: 'makeup-workday', reason: '调休上班' };
      case HOLIDAY:
        return { workday: false, kind: 'holiday', reason: this.holidayNames.get(ordinal) ?? '节假日' };
      case WEEKEND:
        return { workday: false, kind: 'weekend', reason: weekdayOfOrdinal(ordinal) === 0 ? '周日' : '周六' };
      default:
        throw this.unknownDate(ordinal);
    }
  }

  isWorkdayOrdinal(ordinal: number): boolean {
    const kind = this.kindAt(ordinal);
    if (kind === UNKNOWN) throw this.unknownDate(ordinal);
    return kind === WORKDAY || kind === MAKEUP;
  }

  /**
   * Like addWorkdays on an ordinal. The start may be the day just before the first known year
   * (an anchor for "count the acceptance day"); every day crossed must be known.
   */
  addWorkdaysToOrdinal(start: number, n: number): number {
    if (!Number.isInteger(n)) throw new AppError('VALIDATION', `工作日数应为整数，收到 ${n}`);
    if (n === 0) return start;
    const i = this.indexOf(start);
    let k: number;
    if (n > 0) {
      k = this.workdaysBefore[i + 1]! + n - 1;
      if (k >= this.workdayOrdinals.length) throw this.beyondCalendar(start, n);
    } else {
      k = this.workdaysBefore[i]! + n;
      if (k < 0) throw this.beyondCalendar(start, n);
    }
    const result = this.workdayOrdinals[k]!;
    const lo = Math.min(start, result);
    const hi = Math.max(start, result);
    this.requireNoGap(lo, hi);
    return result;
  }

  /** Working days in (a, b] for a <= b; a may be the anchor day before the first known year. */
  countWorkdaysOrdinal(a: number, b: number): number {
    if (b <= a) return 0;
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    this.requireNoGap(a, b);
    return this.workdaysBefore[j + 1]! - this.workdaysBefore[i + 1]!;
  }

  // ---- internals ----

  private kindAt(ordinal: number): number {
    if (ordinal <= this.origin || ordinal > this.last) return UNKNOWN;
    return this.kinds[ordinal - this.origin]!;
  }

  private indexOf(ordinal: number): number {
    if (ordinal < this.origin || ordinal > this.last) throw this.unknownDate(ordinal);
    return ordinal - this.origin;
  }

  private requireKnown(ordinal: number): void {
    if (this.kindAt(ordinal) === UNKNOWN) throw this.unknownDate(ordinal);
  }

  /** Every day in (lo, hi] must belong to a known year (the known years may have a gap). */
  private requireNoGap(lo: number, hi: number): void {
    const i = lo - this.origin;
    const j = hi - this.origin;
    if (this.unknownBefore[j + 1]! - this.unknownBefore[i + 1]! === 0) return;
    for (let d = lo + 1; d <= hi; d++) if (this.kindAt(d) === UNKNOWN) throw this.unknownDate(d);
  }

  private knownRangeText(): string {
    const first = this.years[0];
    const last = this.years[this.years.length - 1];
    if (first === undefined || last === undefined || first === last) return `${this.years.join('、')}年`;
    const contiguous = last - first + 1 === this.years.length;
    return contiguous ? `${first}—${last}年` : `${this.years.join('、')}年`;
  }

  private unknownDate(ordinal: number): AppError {
    const date = formatIsoDate(ordinal);
    return new AppError(
      'UNKNOWN_DATE',
      `节假日日历中没有${yearOfOrdinal(ordinal)}年的放假安排（现有${this.knownRangeText()}），无法判断 ${date} 是否工作日。请同步平台的节假日日历后重试`,
    );
  }

  private beyondCalendar(start: number, n: number): AppError {
    const direction = n > 0 ? '之后' : '之前';
    return new AppError(
      'UNKNOWN_DATE',
      `从 ${formatIsoDate(start)} ${direction}第 ${Math.abs(n)} 个工作日超出了节假日日历的范围（现有${this.knownRangeText()}）。请同步平台的节假日日历后重试`,
    );
  }
}
