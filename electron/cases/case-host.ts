import type { WorkstationConfig } from '../../shared/api/settings';
import type { EventBus } from '../event-bus';
import type { Db } from '../store/database';
import type { CaseCalendar } from './case-calendar';
import { civilDateCst } from './case-time';

/** What case commands need from the workstation; tests and benchmarks can pass a real one. */
export interface CaseHost {
  readonly db: Db;
  readonly bus: EventBus;
  readonly calendar: CaseCalendar;
  now(): Date;
  config(): WorkstationConfig;
}

/** The moment a command runs: one `now` read, so the date and the timestamp agree. */
export function commandTime(host: Pick<CaseHost, 'now'>): { at: string; today: string } {
  const now = host.now();
  return { at: now.toISOString(), today: civilDateCst(now) };
}

export function calendarOf(host: Pick<CaseHost, 'calendar'>) {
  return host.calendar.current();
}
