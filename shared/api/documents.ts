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
] as const;
export const DocumentTemplateName = z.enum(DOCUMENT_TEMPLATES);
export type DocumentTemplateName = z.infer<typeof DocumentTemplateName>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '文书编号（SHA-256）格式不正确');

export const DocumentBlobRef = z.object({ sha256: Sha256, size: z.number().int().nonnegative(), mime: z.literal('application/pdf') });

export const RenderedDocument = z.object({
  /** The leader-signing screen signs `blob.sha256` as the document hash. */
  blob: DocumentBlobRef,
  title: z.string(),
  pages: z.number().int().positive(),
  /** The QR code's payload: `OW1:<caseNumber>:<16 hex of the case journal head>`. */
  verificationRef: z.string(),
  pdfBase64: z.string(),
});
export type RenderedDocument = z.infer<typeof RenderedDocument>;

export const PrinterRole = z.enum(['notice', 'receipt']);

export const PrintJobView = z.object({
  jobId: z.string(),
  state: z.enum(['completed', 'pending', 'failed']),
  message: z.string(),
  printer: z.string(),
  reprint: z.boolean(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

export const PrinterView = z.object({
  role: PrinterRole,
  kind: z.enum(['none', 'cups', 'electron', 'folder']),
  name: z.string(),
  /** ready: the queue exists and accepts jobs; error: missing or stopped; not-configured. */
  state: z.enum(['ready', 'error', 'not-configured']),
  message: z.string(),
});
export type PrinterView = z.infer<typeof PrinterView>;

const PrintInput = z
  .object({
    caseId: z.string().min(1).max(64).optional(),
    template: DocumentTemplateName,
    /** A document rendered earlier (documents.render); it stays in the blob store for reprints. */
    blobSha256: Sha256,
    copies: z.number().int().min(1, '份数至少1份').max(20, '一次最多打印20份').default(1),
  })
  .strict();

/** Why the same paper is printed again: journaled with the reprint (the applicant's copy is a legal act). */
export const REPRINT_REASONS = ['打印机卡纸或缺页', '打印不清晰', '申请人遗失', '申请人需要多份', '更正申请人信息后重新出具'] as const;
const ReprintInput = PrintInput.extend({
  reason: z.string().trim().min(2, '请选择或填写重新打印的原因').max(200, '原因最多200个字'),
}).strict();

export const documentsMethods = {
  'documents.templates': method({
    input: Empty,
    output: z.array(z.object({ name: DocumentTemplateName, title: z.string(), printer: PrinterRole })),
    access: 'user',
    summary: 'document templates',
  }),
  'documents.render': method({
    input: z.object({ caseId: z.string().min(1).max(64), template: DocumentTemplateName }).strict(),
    output: RenderedDocument,
    access: 'user',
    summary: 'render a document for a case',
  }),
  'documents.print': method({ input: PrintInput, output: PrintJobView, access: 'user', summary: 'print a document' }),
  'documents.reprint': method({ input: ReprintInput, output: PrintJobView, access: 'user', summary: 'reprint a document, with the reason journaled' }),
  'documents.printers': method({ input: Empty, output: z.array(PrinterView), access: 'user', summary: 'configured printers' }),
};
