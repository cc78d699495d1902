/**
 * The supervision clock of one item case (行政许可法 art. 32, 42, 45, 82; DOMAIN.md section 5).
 *
 * Conventions:
 * - The clock starts after the acceptance day (civil-law convention); `countAcceptanceDay`
 *   makes the acceptance day the first counted day instead.
 * - Working-day limits count working days of the holiday calendar; natural-day limits count
 *   every day, and when the last day is not a working day the period ends on the next working
 *   day (民法典 art. 203).
 * - Pauses exclude their start and end days (see pause-spans.ts).
 * - Extensions are always working days, added after the promised limit (for a natural-day limit,
 *   after its rolled-over last day); their sum may not pass the statutory cap when one is given.
 * - Elapsed counts working days up to and including today; remaining counts working days after
 *   today up to and including the due date, so on the due date remaining is 0 (yellow) and the
 *   case turns red only the day after.
 * - Level precedence: red (past the due date) > paused (a pause covers today) > yellow
 *   (remaining ≤ threshold) > normal.
 */
import { AppError } from '../../api/errors';
import { formatIsoDate, parseIsoDate } from '../calendar/dates';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { CaseClock, DeadlineLevel, DeadlineOptions, DeadlineStatus, Extension } from './case-clock';
import { advanceCounted, countedWorkdays, normalisePauses, pausedWorkdays } from './pause-spans';
import { DEFAULT_YELLOW_THRESHOLD_WORKDAYS } from './statutory-limits';

/** Sum of extensions after checking each has a reason and the total respects the cap. */
export function totalExtensionWorkdays(extensions: readonly Extension[], capWorkdays?: number): number {
  let total = 0;
  extensions.forEach((extension, i) => {
    if (!Number.isInteger(extension.workdays) || extension.workdays < 1) {
      throw new AppError('VALIDATION', `第 ${i + 1} 次延期的天数应为正整数个工作日`);
    }
    if (extension.reason.trim() === '') {
      throw new AppError('VALIDATION', `第 ${i + 1} 次延期没有写明理由，依法延期须说明理由`);
    }
    total += extension.workdays;
  });
  if (capWorkdays !== undefined && total > capWorkdays) {
    throw new AppError('VALIDATION', `延期合计 ${total} 个工作日，超过法定上限 ${capWorkdays} 个工作日，不能再延期`);
  }
  return total;
}

/**
 * Checks a new extension before it is recorded, so the clerk is refused at the counter rather
 * than the board failing later. Returns the new total.
 */
export function checkNewExtension(existing: readonly Extension[], requested: Extension, capWorkdays: number): number {
  const already = totalExtensionWorkdays(existing, capWorkdays);
  if (already + requested.workdays > capWorkdays) {
    const left = capWorkdays - already;
    throw new AppError(
      'VALIDATION',
      left > 0
        ? `已延期 ${already} 个工作日，法定上限 ${capWorkdays} 个工作日，本次最多还能延期 ${left} 个工作日`
        : `已延期 ${already} 个工作日，已达法定上限 ${capWorkdays} 个工作日，不能再延期`,
    );
  }
  return totalExtensionWorkdays([...existing, requested], capWorkdays);
}

export function computeDeadline(calendar: WorkingDayCalendar, clock: CaseClock, options: DeadlineOptions): DeadlineStatus {
  const accepted = parseIsoDate(clock.acceptedOn, '受理日期');
  const today = parseIsoDate(options.today, '当前日期');
  const threshold = options.yellowThresholdWorkdays ?? DEFAULT_YELLOW_THRESHOLD_WORKDAYS;
  const { value, unit } = clock.limit;
  if (!Number.isInteger(value) || value < 0) {
    throw new AppError('VALIDATION', `承诺时限应为不小于 0 的整数，收到 ${value}`);
  }
  const extensionWorkdays = totalExtensionWorkdays(clock.extensions ?? [], clock.extensionCapWorkdays);
  const { spans, openToday, assumedEnd } = normalisePauses(clock.pauses ?? [], accepted, today);
  // Anchoring one day earlier makes the acceptance day the first counted day.
  const anchor = clock.countAcceptanceDay ? accepted - 1 : accepted;

  let due: number;
  if (value === 0 && extensionWorkdays === 0) {
    due = accepted; // 即办件: decided on the day of acceptance.
  } else if (unit === 'workday') {
    due = advanceCounted(calendar, spans, anchor, value + extensionWorkdays, 'workday');
  } else {
    const naturalEnd = value > 0 ? advanceCounted(calendar, spans, anchor, value, 'natural-day') : accepted;
    // The period ends on a working day first; an extension then runs on from that day.
    const periodEnd = calendar.isWorkdayOrdinal(naturalEnd) ? naturalEnd : advanceCounted(calendar, spans, naturalEnd, 1, 'workday');
    due = extensionWorkdays > 0 ? advanceCounted(calendar, spans, periodEnd, extensionWorkdays, 'workday') : periodEnd;
  }

  const start = Math.max(today, anchor);
  const elapsedWorkdays = countedWorkdays(calendar, spans, anchor, today);
  const remainingWorkdays = today <= due ? countedWorkdays(calendar, spans, start, due) : -countedWorkdays(calendar, spans, due, today);
  const excluded = today > anchor ? pausedWorkdays(calendar, spans, anchor, today) : 0;

  let level: DeadlineLevel;
  if (today > due) level = 'red';
  else if (openToday) level = 'paused';
  else if (remainingWorkdays <= threshold) level = 'yellow';
  else level = 'normal';

  const status: DeadlineStatus = {
    dueDate: formatIsoDate(due),
    provisional: assumedEnd,
    estimated: calendar.isEstimatedBetween(anchor + 1, due),
    extensionWorkdays,
    elapsedWorkdays,
    remainingWorkdays,
    pausedWorkdays: excluded,
    level,
  };
  if (openToday) status.openPause = openToday;
  return status;
}
