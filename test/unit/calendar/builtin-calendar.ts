/** The shipped holiday file, parsed the way the app parses it, for the calendar and deadline tests. */
import holidays from '../../../resources/calendar/holidays.json';
import { parseHolidayCalendar, WorkingDayCalendar, type HolidayCalendarData } from '../../../shared/domain/calendar';

export function builtinCalendarData(): HolidayCalendarData {
  const parsed = parseHolidayCalendar(structuredClone(holidays));
  if (!parsed.ok) throw new Error(`shipped holidays.json is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

export function builtinCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(builtinCalendarData());
}
