/**
 * 容缺受理 (DOMAIN.md section 6): accepted with secondary materials missing; the applicant
 * promises to supply them by a deadline that may not be later than the item's promised due
 * date. Past that deadline the case is suspended; supplying within the grace period (default 15
 * working days, configurable) restores it, otherwise it is returned (退件).
 */
import { AppError } from '../../api/errors';
import { formatIsoDate, parseIsoDate } from '../calendar/dates';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DEFAULT_DEFICIENCY_GRACE_WORKDAYS } from './statutory-limits';

export interface SupplementDeadlineInput {
  acceptedOn: string;
  /** The case's promised due date (computeDeadline(...).dueDate). */
  promisedDueOn: string;
  /** What the clerk proposes; absent means "as late as allowed", i.e. the promised due date. */
  requested?: { workdays: number } | { date: string };
}

/** The 容缺 supplement deadline; refuses one later than the promised due date or not after acceptance. */
export function deficiencySupplementDeadline(calendar: WorkingDayCalendar, input: SupplementDeadlineInput): string {
  const accepted = parseIsoDate(input.acceptedOn, '受理日期');
  const promisedDue = parseIsoDate(input.promisedDueOn, '承诺办结日期');
  const requested = input.requested;
  let deadline: number;
  if (requested === undefined) {
    deadline = promisedDue;
  } else if ('workdays' in requested) {
    if (!Number.isInteger(requested.workdays) || requested.workdays < 1) {
      throw new AppError('VALIDATION', '补齐期限应为至少 1 个工作日');
    }
    deadline = calendar.addWorkdaysToOrdinal(accepted, requested.workdays);
  } else {
    deadline = parseIsoDate(requested.date, '补齐日期');
    if (!calendar.isWorkdayOrdinal(deadline)) {
      throw new AppError('VALIDATION', `补齐日期 ${requested.date} 不是工作日，请选一个工作日`);
    }
  }
  if (deadline <= accepted) {
    throw new AppError('VALIDATION', `补齐日期 ${formatIsoDate(deadline)} 应在受理日期 ${input.acceptedOn} 之后`);
  }
  if (deadline > promisedDue) {
    throw new AppError(
      'VALIDATION',
      `容缺补齐期限 ${formatIsoDate(deadline)} 晚于承诺办结日期 ${input.promisedDueOn}，最晚只能约定到 ${input.promisedDueOn}`,
    );
  }
  return formatIsoDate(deadline);
}

export interface DeficiencyLapseInput {
  supplementDueOn: string;
  /** When the missing materials arrived; absent while still missing. */
  suppliedOn?: string;
  today: string;
  graceWorkdays?: number;
}

export type DeficiencyState = 'awaiting' | 'supplied' | 'suspended' | 'restored' | 'returned';

export interface DeficiencyLapse {
  state: DeficiencyState;
  /** First day of suspension: the day after the supplement deadline. */
  suspendedFrom: string;
  /** Last day on which supplying restores a suspended case (grace counted after the deadline). */
  restoreBy: string;
  /** The working day on which the case is returned (退件) if nothing arrived. */
  returnOn: string;
}

export function deficiencyLapse(calendar: WorkingDayCalendar, input: DeficiencyLapseInput): DeficiencyLapse {
  const due = parseIsoDate(input.supplementDueOn, '补齐期限');
  const today = parseIsoDate(input.today, '当前日期');
  const grace = input.graceWorkdays ?? DEFAULT_DEFICIENCY_GRACE_WORKDAYS;
  if (!Number.isInteger(grace) || grace < 0) throw new AppError('VALIDATION', `宽限期应为不小于 0 的整数个工作日，收到 ${grace}`);
  const restoreBy = calendar.addWorkdaysToOrdinal(due, grace);
  const returnOn = calendar.addWorkdaysToOrdinal(restoreBy, 1);

  let state: DeficiencyState;
  if (input.suppliedOn !== undefined) {
    const supplied = parseIsoDate(input.suppliedOn, '补齐日期');
    if (supplied <= due) state = 'supplied';
    else if (supplied <= restoreBy) state = 'restored';
    else state = 'returned';
  } else if (today <= due) {
    state = 'awaiting';
  } else if (today < returnOn) {
    state = 'suspended';
  } else {
    state = 'returned';
  }
  return { state, suspendedFrom: formatIsoDate(due + 1), restoreBy: formatIsoDate(restoreBy), returnOn: formatIsoDate(returnOn) };
}
