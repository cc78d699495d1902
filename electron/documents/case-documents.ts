import { PDFDocument } from 'pdf-lib';
import type { AvailableDocument, DocumentWarning, RenderedDocument } from '../../shared/api/documents';
import { AppError } from '../../shared/api/errors';
import type { PreAcceptanceData } from '../acceptance/pre-acceptance';
import { caseDetail } from '../cases';
import { appendEvents } from '../store/journal';
import { caseDocumentData, type CaseDataHost } from './case-data';
import { itemResult } from './catalog-item';
import { preAcceptanceDocumentData, type PreAcceptanceRow } from './pre-acceptance-data';
import { renderDocumentReport, templates, type TemplateName } from './registry';

/** Exactly one is set (the contract checks it): an item case, a visit, or a pre-acceptance record. */
export interface DocumentSource {
  caseId?: string | undefined;
  applicationId?: string | undefined;
  preAcceptanceId?: string | undefined;
}

export interface CaseDocument {
  caseId: string | null;
  caseNumber: string;
  title: string;
  verificationRef: string;
  pdf: Uint8Array;
  pages: number;
  warnings: DocumentWarning[];
}

/** Journaled when a document prints with marked blanks: the clerk was warned, the paper says so. */
export const MISSING_GLYPHS_EVENT = 'document.glyphsMissing';

/** Templates of one visit: rendered from the stage application, listing every item case. */
export const VISIT_TEMPLATES: readonly TemplateName[] = ['acceptance-notice', 'deficiency-notice', 'material-receipt'];

function firstCaseOf(host: CaseDataHost, applicationId: string): string {
  const row = host.db.prepare('SELECT id FROM item_cases WHERE application_id = ? ORDER BY case_number LIMIT 1').get(applicationId) as
    { id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该次申请的办件，请刷新后重试');
  return row.id;
}

function preAcceptanceRow(host: CaseDataHost, id: string): { row: PreAcceptanceRow; data: PreAcceptanceData } {
  const row = host.db
    .prepare('SELECT id, kind, number, created_on, created_by_name, data FROM pre_acceptance_records WHERE id = ?')
    .get(id) as (PreAcceptanceRow & { data: string }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该受理前记录（一次性告知或不予受理），请刷新后重试');
  return { row, data: JSON.parse(row.data) as PreAcceptanceData };
}

function titleOf(template: TemplateName, data: unknown): string {
  const d = data as { variant?: string; title?: string };
  if (template === 'correction-notice') return d.variant === 'one-time' ? '一次性告知书' : '补正材料通知书';
  if (template === 'licence' && typeof d.title === 'string') return d.title;
  return templates[template].title;
}

function warningsOf(missing: Set<string>): DocumentWarning[] {
  if (missing.size === 0) return [];
  const chars = [...missing].join('');
  return [
    {
      chars,
      message: `文书字库中没有字符「${chars}」，打印件上该处以“□”标出空白。请打印后在空白处手写补填，并请信息技术人员补充字库`,
    },
  ];
}

/** Renders one template from a case, a visit or a pre-acceptance record (not stored: the CLI writes it to a file). */
export async function renderCaseDocument(
  host: CaseDataHost,
  template: TemplateName,
  by: { id: string } | { caseNumber: string } | DocumentSource,
): Promise<CaseDocument> {
  let caseId: string | null = null;
  let built: { caseNumber: string; verificationRef: string; data: unknown };
  if ('preAcceptanceId' in by && by.preAcceptanceId) {
    const p = preAcceptanceRow(host, by.preAcceptanceId);
    built = preAcceptanceDocumentData(host.db, host.config(), template, p.row, p.data);
  } else {
    const key =
      'applicationId' in by && by.applicationId
        ? { id: firstCaseOf(host, by.applicationId) }
        : 'caseId' in by && by.caseId
          ? { id: by.caseId }
          : (by as { id: string } | { caseNumber: string });
    const d = caseDocumentData(host, template, key);
    caseId = d.caseId;
    built = d;
  }
  const { pdf, missing } = await renderDocumentReport(template, built.data);
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  return {
    caseId,
    caseNumber: built.caseNumber,
    title: titleOf(template, built.data),
    verificationRef: built.verificationRef,
    pdf,
    pages,
    warnings: warningsOf(new Set(missing)),
  };
}

function streamOf(source: DocumentSource, doc: CaseDocument): string {
  if (source.preAcceptanceId) return `pre-acceptance:${source.preAcceptanceId}`;
  if (source.applicationId) return `application:${source.applicationId}`;
  return `case:${doc.caseId ?? ''}`;
}

/**
 * Renders and keeps the PDF as a content-addressed blob: its SHA-256 is what the leader signs
 * and what print/reprint refer to, so the paper and the signed hash are the same bytes.
 */
export async function renderAndStore(
  host: CaseDataHost,
  template: TemplateName,
  source: string | DocumentSource,
  actorId: string | null = null,
): Promise<RenderedDocument> {
  const src: DocumentSource = typeof source === 'string' ? { caseId: source } : source;
  const doc = await renderCaseDocument(host, template, src);
  const blob = host.blobs.put(doc.pdf, 'application/pdf');
  if (doc.warnings.length > 0) {
    appendEvents(host.db, [
      {
        stream: streamOf(src, doc),
        type: MISSING_GLYPHS_EVENT,
        payload: {
          template,
          documentSha256: blob.sha256,
          count: [...doc.warnings[0]!.chars].length,
          codePoints: [...doc.warnings[0]!.chars].map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase()),
        },
        actor: actorId,
        at: host.now().toISOString(),
      },
    ]);
  }
  return {
    blob: { sha256: blob.sha256, size: blob.size, mime: 'application/pdf' },
    title: doc.title,
    pages: doc.pages,
    verificationRef: doc.verificationRef,
    pdfBase64: Buffer.from(doc.pdf).toString('base64'),
    warnings: doc.warnings,
  };
}

function entry(
  template: TemplateName,
  moment: AvailableDocument['moment'],
  ready: boolean,
  reason: string | null,
  title?: string,
): AvailableDocument {
  return {
    template,
    title: title ?? templates[template].title,
    moment,
    printer: template === 'material-receipt' ? 'receipt' : 'notice',
    ready,
    reason,
  };
}

/** The documents due for a source now, in the order the clerk hands them over. */
export function availableDocuments(host: CaseDataHost, source: DocumentSource): AvailableDocument[] {
  if (source.preAcceptanceId) {
    const { row } = preAcceptanceRow(host, source.preAcceptanceId);
    return row.kind === 'one-time-notice'
      ? [entry('correction-notice', 'pre-acceptance', true, null, '一次性告知书')]
      : [entry('rejection-notice', 'pre-acceptance', true, null)];
  }
  const caseId = source.applicationId ? firstCaseOf(host, source.applicationId) : source.caseId!;
  const d = caseDetail(host, { id: caseId }, null);
  const visit: AvailableDocument[] = [
    d.application.mode === 'deficiency'
      ? entry('deficiency-notice', 'acceptance', true, null)
      : entry('acceptance-notice', 'acceptance', true, null),
    entry('material-receipt', 'acceptance', true, null),
  ];
  if (source.applicationId) return visit;
  const out = [...visit];
  if (d.correction) out.push(entry('correction-notice', 'examination', true, null, '补正材料通知书'));
  if (d.status === 'rejected') out.push(entry('rejection-notice', 'examination', true, null));
  if (d.decision) {
    const signed = d.signature !== null;
    const reason = signed ? null : '领导签批后方可出具';
    if (d.decision.decision === 'approve') {
      out.push(entry('approval-decision', 'issuance', true, null));
      const result = itemResult(host.db, d.application.catalogVersion, d.itemCode);
      if (result?.type === '许可证') {
        const permit = result.name.includes('施工许可');
        out.push(entry(permit ? 'construction-permit' : 'licence', 'issuance', signed, reason, result.name));
      }
    } else {
      out.push(entry('denial-decision', 'issuance', true, null));
    }
  }
  return out;
}
