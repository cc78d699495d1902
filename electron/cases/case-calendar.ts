import { tryParseIsoDate, type WorkingDayCalendar } from '../../shared/domain/calendar';
import { buildWorkstationCalendar } from '../calendar/arrangements';
import { loadWorkingDayCalendar } from '../calendar/load';
import type { Db } from '../store/database';

/**
 * One calendar per workstation: building it precomputes the day tables, so it is done once and
 * shared by every command. `replaceCaseCalendar` lets sync swap in a newer calendar (next
 * year's, pulled from the platform) without a restart.
 */
const calendars = new WeakMap<object, WorkingDayCalendar>();

export function caseCalendar(owner: object): WorkingDayCalendar {
  let calendar = calendars.get(owner);
  if (!calendar) {
    // A workstation's calendar includes what the platform sent and the administrator imported.
    const db = (owner as { db?: Db }).db;
    calendar = db ? buildWorkstationCalendar(db) : loadWorkingDayCalendar();
    calendars.set(owner, calendar);
  }
  return calendar;
}

export function replaceCaseCalendar(owner: object, calendar: WorkingDayCalendar): void {
  calendars.set(owner, calendar);
}

/** Whether a stored due date rests on a year without a published arrangement (暂估). */
export function dueEstimated(calendar: WorkingDayCalendar | undefined, acceptedOn: string | null, dueOn: string | null): boolean {
  if (!calendar || dueOn === null) return false;
  const due = tryParseIsoDate(dueOn);
  const accepted = acceptedOn === null ? due : tryParseIsoDate(acceptedOn);
  return due !== undefined && accepted !== undefined && calendar.isEstimatedBetween(accepted, due);
}
