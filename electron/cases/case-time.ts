/**
 * Dates on the case clock are civil dates in China Standard Time: every service hall runs on
 * it, so the workstation's own time-zone setting (often UTC on imaged machines) must not shift
 * an acceptance to the previous day. The one implementation is shared/domain/time.
 */
import { shanghaiDate } from '../../shared/domain/time';

export function civilDateCst(at: Date): string {
  return shanghaiDate(at);
}
