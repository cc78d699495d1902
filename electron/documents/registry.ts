import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { fallbackFor } from './fallback-fonts';
import { cachingFontkit, loadSongCharset } from './font';
import { withRenderNotes, type RenderNotes } from './render-context';
import { documentWording } from './wording';
import { renderAcceptanceNotice, sampleAcceptanceNotice, ACCEPTANCE_TITLE } from './templates/acceptance-notice';
import { renderApprovalDecision, sampleApprovalDecision, APPROVAL_TITLE } from './templates/approval-decision';
import { renderConstructionPermit, sampleConstructionPermit, PERMIT_TITLE } from './templates/construction-permit';
import { renderCorrectionNotice, sampleCorrectionNotice } from './templates/correction-notice';
import { renderDeficiencyNotice, sampleDeficiencyNotice, DEFICIENCY_TITLE } from './templates/deficiency-notice';
import { renderMaterialReceipt, sampleMaterialReceipt, RECEIPT_TITLE } from './templates/material-receipt';
import { renderDenialDecision, sampleDenialDecision, DENIAL_TITLE } from './templates/denial-decision';
import { renderLicence, sampleLicence } from './templates/licence';
import { renderRejectionNotice, sampleRejectionNotice, REJECTION_TITLE } from './templates/rejection-notice';
import {
  acceptanceNoticeSchema,
  approvalDecisionSchema,
  constructionPermitSchema,
  correctionNoticeSchema,
  deficiencyNoticeSchema,
  denialDecisionSchema,
  licenceSchema,
  materialReceiptSchema,
  rejectionNoticeSchema,
} from './types';
import { issueDetails } from '../../shared/api/issues';

/** Field messages in Chinese: they reach the clerk through AppError details. */
const zhCN = z.locales.zhCN();

export interface DocumentTemplate<S extends z.ZodType> {
  title: string;
  schema: S;
  sample(): z.infer<S>;
  render(data: z.infer<S>): Promise<Uint8Array>;
}

function template<S extends z.ZodType>(t: DocumentTemplate<S>): DocumentTemplate<S> {
  return t;
}

export const templates = {
  'acceptance-notice': template({
    title: ACCEPTANCE_TITLE,
    schema: acceptanceNoticeSchema,
    sample: sampleAcceptanceNotice,
    render: renderAcceptanceNotice,
  }),
  'correction-notice': template({
    title: '一次性告知书 / 补正材料通知书',
    schema: correctionNoticeSchema,
    sample: sampleCorrectionNotice,
    render: renderCorrectionNotice,
  }),
  'rejection-notice': template({
    title: REJECTION_TITLE,
    schema: rejectionNoticeSchema,
    sample: sampleRejectionNotice,
    render: renderRejectionNotice,
  }),
  'deficiency-notice': template({
    title: DEFICIENCY_TITLE + '（附容缺受理承诺书）',
    schema: deficiencyNoticeSchema,
    sample: sampleDeficiencyNotice,
    render: renderDeficiencyNotice,
  }),
  'material-receipt': template({
    title: RECEIPT_TITLE,
    schema: materialReceiptSchema,
    sample: sampleMaterialReceipt,
    render: renderMaterialReceipt,
  }),
  'approval-decision': template({
    title: APPROVAL_TITLE,
    schema: approvalDecisionSchema,
    sample: sampleApprovalDecision,
    render: renderApprovalDecision,
  }),
  'construction-permit': template({
    title: PERMIT_TITLE,
    schema: constructionPermitSchema,
    sample: sampleConstructionPermit,
    render: renderConstructionPermit,
  }),
  'denial-decision': template({
    title: DENIAL_TITLE,
    schema: denialDecisionSchema,
    sample: sampleDenialDecision,
    render: renderDenialDecision,
  }),
  licence: template({
    title: '许可证',
    schema: licenceSchema,
    sample: sampleLicence,
    render: renderLicence,
  }),
} as const;

export type TemplateName = keyof typeof templates;
export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

/** Every character of the data's strings (and the wording) the Song face lacks. */
function charsOutside(charset: Set<number>, ...values: unknown[]): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const ch of v) if (ch !== '\n' && !charset.has(ch.codePointAt(0)!)) out.add(ch);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return out;
}

export interface RenderReport {
  pdf: Uint8Array;
  /** Characters no face holds, printed as marked blanks (□). */
  missing: string[];
  /** Fallback faces embedded (as subsets). */
  fallbackFaces: string[];
}

/** Validates untrusted data against the template's schema, then renders it. */
export async function renderDocument(name: string, data: unknown): Promise<Uint8Array> {
  return (await renderDocumentReport(name, data)).pdf;
}

/** As renderDocument, also saying which characters printed as marked blanks. */
export async function renderDocumentReport(name: string, data: unknown): Promise<RenderReport> {
  if (!isTemplateName(name)) {
    throw new AppError('NOT_FOUND', `没有名为“${name}”的文书模板，可用模板：${TEMPLATE_NAMES.join('、')}`);
  }
  const t: DocumentTemplate<z.ZodType> = templates[name];
  const parsed = t.schema.safeParse(data, { error: zhCN.localeError });
  if (!parsed.success) {
    throw new AppError('VALIDATION', `${t.title}的数据不完整或格式有误，请按提示修改后再生成`, issueDetails(parsed.error));
  }
  const needed = charsOutside(await loadSongCharset(), parsed.data, documentWording());
  const fallback =
    needed.size > 0
      ? await fallbackFor(needed, (b) => cachingFontkit.create(b))
      : { faces: [], faceOf: new Map(), missing: new Set<string>() };
  const notes: RenderNotes = { missing: new Set(), faces: fallback.faces, faceOf: fallback.faceOf };
  const pdf = await withRenderNotes(notes, () => t.render(parsed.data));
  return { pdf, missing: [...notes.missing], fallbackFaces: fallback.faces.map((f) => f.name) };
}

export function sampleData(name: TemplateName): unknown {
  return templates[name].sample();
}
