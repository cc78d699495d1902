/**
 * The papers of one visit (one stage application) at acceptance: the notice — 容缺受理通知书
 * with the 承诺书 when any case was accepted with materials missing, else the 受理通知书 — and
 * the 材料接收凭证. Each covers every item case of the visit (rendered from the application).
 */
import type { SubmitResult } from '../../../shared/api/acceptance';
import { documentOf, type DocumentSource } from './DocumentPrint';

export interface VisitDocument {
  label: string;
  testId: string;
  source: DocumentSource;
}

export function visitDocuments(result: SubmitResult): VisitDocument[] {
  if (result.cases.length === 0) return [];
  const visit = { applicationId: result.applicationId };
  const deficient = result.cases.some((c) => c.status === 'deficiency');
  return [
    deficient
      ? { label: '容缺受理通知书及承诺书', testId: 'print-notice', source: documentOf(visit, 'deficiency-notice') }
      : { label: '受理通知书', testId: 'print-notice', source: documentOf(visit, 'acceptance-notice') },
    { label: '材料接收凭证', testId: 'print-receipt', source: documentOf(visit, 'material-receipt') },
  ];
}
