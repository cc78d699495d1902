/**
 * 容缺 lapse (DOMAIN.md section 6): past the supplement deadline the case is suspended (its
 * clock stops: the delay is the applicant's); past the grace period as well it is returned
 * (退件). Run at start-up, daily and on demand; each case moves in its own transaction, so a
 * calendar gap on one case does not hold back the others.
 */
import { AppError } from '../../shared/api/errors';
import { deficiencyLapse } from '../../shared/domain/deadline';
import { calendarOf, commandTime, type CaseHost } from './case-host';
import { PAUSE_NOTES, closeOpenPauses, openPause, runOnCase } from './transition';

export interface SweepResult {
  suspended: string[];
  returned: string[];
}

export function sweepDeficiencies(host: CaseHost): SweepResult {
  const { today } = commandTime(host);
  const calendar = calendarOf(host);
  const grace = host.config().supervision.deficiencyGraceWorkdays;
  const due = host.db
    .prepare('SELECT id, status, deficiency_due_on FROM item_cases WHERE deficiency_open = 1 AND supervised = 1 AND deficiency_due_on < ?')
    .all(today) as { id: string; status: string; deficiency_due_on: string }[];
  const result: SweepResult = { suspended: [], returned: [] };
  for (const row of due) {
    let state: string;
    let suspendedFrom: string;
    try {
      const lapse = deficiencyLapse(calendar, { supplementDueOn: row.deficiency_due_on, today, graceWorkdays: grace });
      state = lapse.state;
      suspendedFrom = lapse.suspendedFrom;
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNKNOWN_DATE') continue; // reported on the case page
      throw error;
    }
    if (state === 'suspended' && row.status !== 'suspended') {
      const r = runOnCase(host, row.id, null, null, (c) => {
        c.resumeStatus = c.status;
        c.status = 'suspended';
        openPause(c, {
          kind: 'correction',
          startedOn: suspendedFrom < c.acceptedOn ? c.acceptedOn : suspendedFrom,
          note: PAUSE_NOTES.suspension,
        });
        return [{ type: 'case.suspended', payload: { reason: 'deficiency-overdue', supplyBy: row.deficiency_due_on, suspendedFrom } }];
      });
      result.suspended.push(r.caseNumber);
    } else if (state === 'returned') {
      const r = runOnCase(host, row.id, null, null, (c, t) => {
        closeOpenPauses(c, t.today);
        c.status = 'returned';
        c.resumeStatus = null;
        c.completedAt = t.at;
        c.record.closure = { kind: 'returned', reason: `容缺材料逾期未补齐，且超过 ${grace} 个工作日宽限期`, at: t.at };
        return [
          { type: 'case.returned', payload: { reason: 'deficiency-grace-expired', supplyBy: row.deficiency_due_on, graceWorkdays: grace } },
        ];
      });
      result.returned.push(r.caseNumber);
    }
  }
  return result;
}
