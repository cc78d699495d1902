import { tryParseIsoDate, type WorkingDayCalendar } from '../../shared/domain/calendar';
import { buildWorkstationCalendar } from '../calendar/arrangements';
import { loadWorkingDayCalendar } from '../calendar/load';
import type { Db } from '../store/database';

/**
 * The workstation's working-day calendar. Building it precomputes the day tables, so it is built
 * once, on first use, and shared by every command; `replace` lets sync or an administrator's
 * import swap in a newer one (next year's arrangement) without a restart. The composition root
 * owns the one instance (`ws.calendar`).
 */
export class CaseCalendar {
  private calendar: WorkingDayCalendar | undefined;

  /** By default: what the platform sent and the administrator imported, over the built-in data. */
  constructor(private readonly build: () => WorkingDayCalendar) {}

  static ofStore(db: Db): CaseCalendar {
    return new CaseCalendar(() => buildWorkstationCalendar(db));
  }

  /** The built-in data only (no store), for tools that have no workstation. */
  static builtIn(): CaseCalendar {
    return new CaseCalendar(() => loadWorkingDayCalendar());
  }

  current(): WorkingDayCalendar {
    this.calendar ??= this.build();
    return this.calendar;
  }

  replace(calendar: WorkingDayCalendar): void {
    this.calendar = calendar;
  }
}

/** Whether a stored due date rests on a year without a published arrangement (暂估). */
export function dueEstimated(calendar: WorkingDayCalendar | undefined, acceptedOn: string | null, dueOn: string | null): boolean {
  if (!calendar || dueOn === null) return false;
  const due = tryParseIsoDate(dueOn);
  const accepted = acceptedOn === null ? due : tryParseIsoDate(acceptedOn);
  return due !== undefined && accepted !== undefined && calendar.isEstimatedBetween(accepted, due);
}
