/**
 * The papers of one visit (one stage application) at acceptance: the notice — 容缺受理通知书
 * with the 承诺书 when any case was accepted with materials missing, else the 受理通知书 — and
 * the 材料接收凭证. Each covers every item case of the visit; the Node side renders the visit's
 * document through any of its cases.
 */
import type { SubmitResult } from '../../../shared/api/acceptance';
import { caseDocument, type DocumentSource } from './DocumentPrint';

export interface VisitDocument {
  label: string;
  testId: string;
  source: DocumentSource;
}

export function visitDocuments(result: SubmitResult): VisitDocument[] {
  const first = result.cases[0];
  if (!first) return [];
  const deficient = result.cases.some((c) => c.status === 'deficiency');
  return [
    deficient
      ? { label: '容缺受理通知书及承诺书', testId: 'print-notice', source: caseDocument(first.id, 'deficiency-notice') }
      : { label: '受理通知书', testId: 'print-notice', source: caseDocument(first.id, 'acceptance-notice') },
    { label: '材料接收凭证', testId: 'print-receipt', source: caseDocument(first.id, 'material-receipt') },
  ];
}
