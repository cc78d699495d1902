/**
 * 行政许可法 art. 32: on an incomplete application the applicant is told, on the spot or within
 * 5 (working) days of receipt, once, everything to supply. If not told in time, the application
 * counts as accepted on the day it was received — so the promised clock starts from receipt.
 * Convention: the day of receipt is not counted; notifying on the 5th working day is on time.
 */
import { parseIsoDate, formatIsoDate } from '../calendar/dates';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { STATUTORY_LIMITS } from './statutory-limits';

export interface CorrectionNoticeInput {
  receivedOn: string;
  /** When the 一次性告知 (补正材料通知书) was issued; absent while not yet issued. */
  notifiedOn?: string;
  today: string;
  /** Override only if a local rule is stricter than the statute's 5 working days. */
  noticeWorkdays?: number;
}

export type CorrectionNoticeState = 'pending' | 'notified-in-time' | 'late';

export interface CorrectionNoticeClock {
  /** Last day the notice may be issued. */
  noticeDueOn: string;
  state: CorrectionNoticeState;
  /** Working days left after today to issue the notice; negative once late. */
  remainingWorkdays: number;
  /** Set once the notice is late: the application is deemed accepted on the day received. */
  deemedAcceptedOn: string | null;
}

export function correctionNoticeClock(calendar: WorkingDayCalendar, input: CorrectionNoticeInput): CorrectionNoticeClock {
  const received = parseIsoDate(input.receivedOn, '收件日期');
  const today = parseIsoDate(input.today, '当前日期');
  const due = calendar.addWorkdaysToOrdinal(received, input.noticeWorkdays ?? STATUTORY_LIMITS.correctionNoticeWorkdays);
  const remaining =
    today <= due ? calendar.countWorkdaysOrdinal(Math.max(today, received), due) : -calendar.countWorkdaysOrdinal(due, today);

  let state: CorrectionNoticeState;
  if (input.notifiedOn !== undefined) {
    state = parseIsoDate(input.notifiedOn, '告知日期') <= due ? 'notified-in-time' : 'late';
  } else {
    state = today <= due ? 'pending' : 'late';
  }
  return {
    noticeDueOn: formatIsoDate(due),
    state,
    remainingWorkdays: remaining,
    deemedAcceptedOn: state === 'late' ? input.receivedOn : null,
  };
}
