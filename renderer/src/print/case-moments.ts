/**
 * Which documents a case is due, at which moment, from what the case page already knows. The
 * Node side refuses a document that is not due (with a Chinese reason); this only decides which
 * buttons to offer, so the clerk meets each paper at its moment and no other.
 */
import type { CaseDetail } from '../../../shared/api/cases';
import type { DocumentTemplateName } from '../../../shared/api/documents';

export interface DueDocument {
  template: DocumentTemplateName;
  label: string;
}

/** Items whose result is a 施工许可证 print the permit template; the others have no licence template yet. */
function licenceOf(d: CaseDetail): DueDocument | null {
  return d.itemName.includes('施工许可') ? { template: 'construction-permit', label: '施工许可证' } : null;
}

export function dueDocuments(d: CaseDetail): DueDocument[] {
  const out: DueDocument[] = [];
  if (d.closure?.kind === 'rejected') return [{ template: 'rejection-notice', label: '不予受理决定书' }];
  if (d.application.mode === 'deficiency') out.push({ template: 'deficiency-notice', label: '容缺受理通知书及承诺书' });
  else out.push({ template: 'acceptance-notice', label: '受理通知书' });
  out.push({ template: 'material-receipt', label: '材料接收凭证' });
  if (d.correction) out.push({ template: 'correction-notice', label: '补正材料通知书' });
  if (d.decision?.decision === 'approve') {
    out.push({ template: 'approval-decision', label: '准予许可决定书' });
    const licence = licenceOf(d);
    if (licence && d.issuance) out.push(licence);
  }
  return out;
}

/** The paper an action on the case page produces, opened for preview as soon as the action succeeds. */
export function documentAfterAction(action: string, d: CaseDetail): DocumentTemplateName | null {
  if (action === 'requestCorrection') return 'correction-notice';
  if (action === 'reject') return 'rejection-notice';
  if (action === 'issue' && d.decision?.decision === 'approve') return 'approval-decision';
  return null;
}

/** Printed before (the case history holds a print of this title): printing again is a reprint with a reason. */
export function printedBefore(d: CaseDetail, label: string): boolean {
  return d.history.some((h) => (h.type === 'document.printed' || h.type === 'document.reprinted') && h.summary.includes(`《${label}`));
}
