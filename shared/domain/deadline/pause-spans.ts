/**
 * Pauses as inclusive ordinal spans, and counting that skips them.
 *
 * Convention (documented once, used everywhere): a pause excludes its start day AND its end day.
 * The day a 补正 notice goes out or a 特别程序 starts, the clock has already stopped; the day the
 * materials arrive or the procedure ends is treated like an acceptance day — not counted, the
 * clock runs again from the next day. A pause opened and closed on the same day excludes that day.
 * Overlapping pauses (a 补正 during an expert review) are merged: a day is excluded once.
 */
import { AppError } from '../../api/errors';
import { parseIsoDate } from '../calendar/dates';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { ClockPause } from './case-clock';

export interface PauseSpan {
  start: number;
  end: number;
}

export interface NormalisedPauses {
  spans: PauseSpan[];
  /** The pause covering today, if any (open-ended, or with an end date not yet passed). */
  openToday: ClockPause | undefined;
  /** True when an open-ended pause had to be assumed to end today. */
  assumedEnd: boolean;
}

export function normalisePauses(pauses: readonly ClockPause[], acceptedOn: number, today: number): NormalisedPauses {
  const raw: PauseSpan[] = [];
  let openToday: ClockPause | undefined;
  let assumedEnd = false;
  for (const pause of pauses) {
    const start = parseIsoDate(pause.startedOn, '暂停开始日期');
    if (start < acceptedOn) {
      throw new AppError('VALIDATION', `暂停开始日期 ${pause.startedOn} 早于受理日期，请核对补正或特别程序的开始日期`);
    }
    let end: number;
    if (pause.endedOn === undefined) {
      // Still open: assume it ends today so the due date is the earliest it can now be.
      end = Math.max(start, today);
      assumedEnd = true;
    } else {
      end = parseIsoDate(pause.endedOn, '暂停结束日期');
      if (end < start) {
        throw new AppError('VALIDATION', `暂停结束日期 ${pause.endedOn} 早于开始日期 ${pause.startedOn}，请核对`);
      }
    }
    if (start <= today && (pause.endedOn === undefined || today <= end)) openToday = pause;
    raw.push({ start, end });
  }
  raw.sort((a, b) => a.start - b.start);
  const spans: PauseSpan[] = [];
  for (const span of raw) {
    const previous = spans[spans.length - 1];
    if (previous && span.start <= previous.end + 1) previous.end = Math.max(previous.end, span.end);
    else spans.push({ ...span });
  }
  return { spans, openToday, assumedEnd };
}

/** Working days in (a, b] that no pause excludes. */
export function countedWorkdays(calendar: WorkingDayCalendar, spans: readonly PauseSpan[], a: number, b: number): number {
  if (b <= a) return 0;
  return calendar.countWorkdaysOrdinal(a, b) - pausedWorkdays(calendar, spans, a, b);
}

/** Working days in (a, b] that a pause excludes. */
export function pausedWorkdays(calendar: WorkingDayCalendar, spans: readonly PauseSpan[], a: number, b: number): number {
  let paused = 0;
  for (const span of spans) {
    const lo = Math.max(a, span.start - 1);
    const hi = Math.min(b, span.end);
    if (hi > lo) paused += calendar.countWorkdaysOrdinal(lo, hi);
  }
  return paused;
}

/**
 * The day on which `need` (> 0) counted days after `anchor` are used up, skipping paused days.
 * Natural days count every calendar day outside pauses; working days only working days.
 */
export function advanceCounted(
  calendar: WorkingDayCalendar,
  spans: readonly PauseSpan[],
  anchor: number,
  need: number,
  unit: 'workday' | 'natural-day',
): number {
  let cursor = anchor;
  let left = need;
  const forward = (from: number, n: number) => (unit === 'workday' ? calendar.addWorkdaysToOrdinal(from, n) : from + n);
  for (const span of spans) {
    if (span.end <= cursor) continue;
    const lastFree = span.start - 1;
    if (lastFree > cursor) {
      const available = unit === 'workday' ? calendar.countWorkdaysOrdinal(cursor, lastFree) : lastFree - cursor;
      if (available >= left) return forward(cursor, left);
      left -= available;
    }
    cursor = span.end;
  }
  return forward(cursor, left);
}
