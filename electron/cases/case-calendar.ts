import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { loadWorkingDayCalendar } from '../calendar/load';

/**
 * One calendar per workstation: building it precomputes the day tables, so it is done once and
 * shared by every command. `replaceCaseCalendar` lets sync swap in a newer calendar (next
 * year's, pulled from the platform) without a restart.
 */
const calendars = new WeakMap<object, WorkingDayCalendar>();

export function caseCalendar(owner: object): WorkingDayCalendar {
  let calendar = calendars.get(owner);
  if (!calendar) {
    calendar = loadWorkingDayCalendar();
    calendars.set(owner, calendar);
  }
  return calendar;
}

export function replaceCaseCalendar(owner: object, calendar: WorkingDayCalendar): void {
  calendars.set(owner, calendar);
}
