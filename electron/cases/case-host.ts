import type { Workstation } from '../workstation';
import { caseCalendar } from './case-calendar';
import { civilDateCst } from './case-time';

/** What case commands need from the workstation; tests and benchmarks can pass a real one. */
export type CaseHost = Pick<Workstation, 'db' | 'now' | 'config' | 'bus'>;

/** The moment a command runs: one `now` read, so the date and the timestamp agree. */
export function commandTime(host: CaseHost): { at: string; today: string } {
  const now = host.now();
  return { at: now.toISOString(), today: civilDateCst(now) };
}

export function calendarOf(host: CaseHost) {
  return caseCalendar(host);
}
