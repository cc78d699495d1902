import type { CalendarStatus } from '../../../shared/api/calendar';
import { ordinalFromCivil, tryParseIsoDate, yearOfOrdinal } from '../../../shared/domain/calendar';
import { importedNotices, workstationCalendarData } from '../../calendar/arrangements';
import { provisionalHolidayYear } from '../../../shared/domain/calendar/provisional-year';
import { importNotice, previewNotice } from '../../calendar/notice-import';
import { lastCalendarChange } from '../../calendar/recompute';
import { commandTime } from '../../cases/case-host';
import { actorOf } from '../../cases/actor';
import type { CoreServices } from '../services';
import type { CaseHost } from '../../cases/case-host';
import type { Handlers } from '../dispatch';

/** From 1 November the next year's notice is due: the administrator is reminded until it is in. */
const BANNER_FROM_MONTH = 11;

type Deps = Pick<CoreServices, keyof CaseHost>;

function status(ws: Deps): CalendarStatus {
  const { today } = commandTime(ws);
  const calendar = ws.calendar.current();
  const todayOrdinal = tryParseIsoDate(today)!;
  const year = yearOfOrdinal(todayOrdinal);
  const bannerFrom = ordinalFromCivil(year, BANNER_FROM_MONTH, 1);
  return {
    today,
    publishedYears: calendar.publishedYears(),
    provisionalYears: [year, year + 1].filter((y) => calendar.isProvisionalYear(y)),
    nextYearMissing: calendar.isProvisionalYear(year)
      ? year
      : todayOrdinal >= bannerFrom && calendar.isProvisionalYear(year + 1)
        ? year + 1
        : null,
    imports: importedNotices(ws.db),
    lastChange: lastCalendarChange(ws) ?? null,
  };
}

export function calendarHandlers(
  ws: Deps,
): Pick<Handlers, 'calendar.status' | 'calendar.year' | 'calendar.previewNotice' | 'calendar.importNotice'> {
  return {
    'calendar.status': () => status(ws),
    'calendar.year': (input) => {
      const published = workstationCalendarData(ws.db).years.find((y) => y.year === input.year);
      return published ? { ...published, provisional: false } : { ...provisionalHolidayYear(input.year), provisional: true };
    },
    'calendar.previewNotice': (input) => previewNotice(ws, input.text),
    'calendar.importNotice': (input, ctx) => importNotice(ws, input.text, actorOf(ctx.user).id),
  };
}
