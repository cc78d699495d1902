/**
 * The case page's link between an action and the paper it produces, and whether a paper was
 * printed before (then printing it again is a reprint with a reason).
 */
import type { CaseDetail } from '../../../shared/api/cases';
import type { DocumentTemplateName } from '../../../shared/api/documents';

/** The paper an action on the case page produces, opened for preview as soon as the action succeeds. */
export function documentAfterAction(action: string, d: CaseDetail): DocumentTemplateName | null {
  if (action === 'requestCorrection') return 'correction-notice';
  if (action === 'reject') return 'rejection-notice';
  if (action === 'issue') return d.decision?.decision === 'deny' ? 'denial-decision' : 'approval-decision';
  return null;
}

/** Printed before (the case history holds a print of this title): printing again is a reprint with a reason. */
export function printedBefore(d: CaseDetail, title: string): boolean {
  const head = title.split(/[ （(/]/)[0] ?? title;
  return d.history.some((h) => (h.type === 'document.printed' || h.type === 'document.reprinted') && h.summary.includes(`《${head}`));
}
