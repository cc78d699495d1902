/**
 * Dates on the case clock are civil dates in China Standard Time (UTC+8, no daylight saving):
 * every service hall runs on it, so the workstation's own time-zone setting (often UTC on
 * imaged machines) must not shift an acceptance to the previous day.
 */
import { formatIsoDate } from '../../shared/domain/calendar/dates';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function civilDateCst(at: Date): string {
  return formatIsoDate(Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS));
}
