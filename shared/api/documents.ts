import { z } from 'zod';
import { Empty, method } from './contract-kit';

/** Template names, mirrored from electron/documents/registry (shared/ cannot import it). */
export const DOCUMENT_TEMPLATES = [
  'acceptance-notice',
  'correction-notice',
  'rejection-notice',
  'deficiency-notice',
  'material-receipt',
  'approval-decision',
  'construction-permit',
  /** 不予许可决定书 (行政许可法 §38 II): reasons, legal basis, remedies; signed like the approval. */
  'denial-decision',
  /** The licence an item issues (catalog result type 许可证), titled by the catalog's result name. */
  'licence',
] as const;
export const DocumentTemplateName = z.enum(DOCUMENT_TEMPLATES);
export type DocumentTemplateName = z.infer<typeof DocumentTemplateName>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '文书编号（SHA-256）格式不正确');

/**
 * Which document is which (docs/documents.md has the full table):
 * - correction-notice: 一次性告知书 (from a pre-acceptance record) / 补正材料通知书 (from a case)
 * - rejection-notice: 不予受理决定书 (from a pre-acceptance record, or a case rejected after acceptance)
 * - acceptance-notice: 受理通知书, one per visit: every item case of the stage application
 * - deficiency-notice: 容缺受理通知书 with the 容缺受理承诺书, one per visit (never the ordinary notice)
 * - material-receipt: 材料接收凭证, one per visit
 * - approval-decision / denial-decision: 准予 / 不予许可决定书, per item case
 * - construction-permit (施工许可证 items) / licence (other 许可证 items): per item case
 */
export const DOCUMENT_MOMENTS = ['pre-acceptance', 'acceptance', 'examination', 'issuance'] as const;
export const DocumentMoment = z.enum(DOCUMENT_MOMENTS);

/**
 * Counts recorded per material at collection (acceptance.submit materials, cases.supplement):
 * scanner/camera pages are counted automatically and the clerk may adjust. Absent means not
 * recorded, and the documents print "—" for it.
 */
export const MaterialCountsShape = {
  originals: z.number().int('份数应为整数').min(0, '原件份数不能为负数').max(99, '原件最多99份').optional(),
  copies: z.number().int('份数应为整数').min(0, '复印件份数不能为负数').max(99, '复印件最多99份').optional(),
  pages: z.number().int('页数应为整数').min(1, '页数至少为1').max(9999, '页数最多9999').optional(),
};
export const MaterialCounts = z.object(MaterialCountsShape).strict();
export type MaterialCounts = z.infer<typeof MaterialCounts>;

const SourceId = z.string().trim().min(1).max(64);
/**
 * What a document is rendered from: exactly one of
 * - caseId: an item case (decisions, licences, 补正, and the visit's notices through its application);
 * - applicationId: a stage application = one visit (受理通知书 / 容缺受理通知书 / 材料接收凭证 covering every item case);
 * - preAcceptanceId: a pre-acceptance record (一次性告知书 / 不予受理决定书 when no case was opened).
 */
export const DocumentSourceShape = {
  caseId: SourceId.optional(),
  applicationId: SourceId.optional(),
  preAcceptanceId: SourceId.optional(),
};
function exactlyOneSource(v: {
  caseId?: string | undefined;
  applicationId?: string | undefined;
  preAcceptanceId?: string | undefined;
}): boolean {
  return [v.caseId, v.applicationId, v.preAcceptanceId].filter((x) => x !== undefined).length === 1;
}
const ONE_SOURCE = { message: '请指定一个办件、一次申请或一条受理前记录', path: ['caseId'] };

/** A character no shipped face holds: printed as a marked blank (□); the clerk is warned before printing. */
export const DocumentWarning = z.object({
  /** The characters printed as blanks. */
  chars: z.string(),
  /** What the clerk reads, in Chinese: where and what to do (fill in by hand). */
  message: z.string(),
});
export type DocumentWarning = z.infer<typeof DocumentWarning>;

export const DocumentBlobRef = z.object({ sha256: Sha256, size: z.number().int().nonnegative(), mime: z.literal('application/pdf') });

export const RenderedDocument = z.object({
  /** The leader-signing screen signs `blob.sha256` as the document hash. */
  blob: DocumentBlobRef,
  title: z.string(),
  pages: z.number().int().positive(),
  /** The QR code's payload: `OW1:<caseNumber>:<16 hex of the case journal head>`. */
  verificationRef: z.string(),
  pdfBase64: z.string(),
  /** Non-empty when something prints as a marked blank: show it before printing. Journaled. */
  warnings: z.array(DocumentWarning),
});
export type RenderedDocument = z.infer<typeof RenderedDocument>;

export const PrinterRole = z.enum(['notice', 'receipt']);

export const PrintJobView = z.object({
  jobId: z.string(),
  /** cancelled: the printer or an operator cancelled the job; nothing was printed. */
  state: z.enum(['completed', 'pending', 'failed', 'cancelled']),
  message: z.string(),
  printer: z.string(),
  reprint: z.boolean(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

export const PrinterView = z.object({
  role: PrinterRole,
  kind: z.enum(['none', 'cups', 'electron', 'folder', 'ipp']),
  name: z.string(),
  /** ready: the queue exists and accepts jobs; error: missing or stopped; not-configured. */
  state: z.enum(['ready', 'error', 'not-configured']),
  message: z.string(),
});
export type PrinterView = z.infer<typeof PrinterView>;

const PrintInput = z
  .object({
    ...DocumentSourceShape,
    template: DocumentTemplateName,
    /** A document rendered earlier (documents.render); it stays in the blob store for reprints. */
    blobSha256: Sha256,
    copies: z.number().int().min(1, '份数至少1份').max(20, '一次最多打印20份').default(1),
    /** Why a document is printed again (documents.reprint): journaled with the reprint. */
    reason: z.string().trim().min(1, '请填写补打原因').max(200, '补打原因最多200字').optional(),
  })
  .strict();

/** Why the same paper is printed again: journaled with the reprint (the applicant's copy is a legal act). */
export const REPRINT_REASONS = ['打印机卡纸或缺页', '打印不清晰', '申请人遗失', '申请人需要多份', '更正申请人信息后重新出具'] as const;

/** A document due for a case, a visit or a pre-acceptance record, and whether it can be rendered now. */
export const AvailableDocument = z.object({
  template: DocumentTemplateName,
  title: z.string(),
  moment: DocumentMoment,
  printer: PrinterRole,
  /** False with a Chinese reason when the case is not there yet (e.g. awaiting the leader's signature). */
  ready: z.boolean(),
  reason: z.string().nullable(),
});
export type AvailableDocument = z.infer<typeof AvailableDocument>;

export const documentsMethods = {
  'documents.templates': method({
    input: Empty,
    output: z.array(z.object({ name: DocumentTemplateName, title: z.string(), printer: PrinterRole })),
    access: 'user',
    summary: 'document templates',
  }),
  'documents.render': method({
    input: z
      .object({ ...DocumentSourceShape, template: DocumentTemplateName })
      .strict()
      .refine(exactlyOneSource, ONE_SOURCE),
    output: RenderedDocument,
    access: 'user',
    summary: 'render a document for a case, a visit (stage application) or a pre-acceptance record',
  }),
  'documents.available': method({
    input: z.object(DocumentSourceShape).strict().refine(exactlyOneSource, ONE_SOURCE),
    output: z.array(AvailableDocument),
    access: 'user',
    summary: 'the documents due for a case, a visit or a pre-acceptance record',
  }),
  'documents.print': method({ input: PrintInput, output: PrintJobView, access: 'user', summary: 'print a document' }),
  'documents.reprint': method({ input: PrintInput, output: PrintJobView, access: 'user', summary: 'reprint a document' }),
  'documents.printers': method({ input: Empty, output: z.array(PrinterView), access: 'user', summary: 'configured printers' }),
};
