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
    caseId: z.string().min(1).max(64).optional(),
    template: DocumentTemplateName,
    /** A document rendered earlier (documents.render); it stays in the blob store for reprints. */
    blobSha256: Sha256,
    copies: z.number().int().min(1, '份数至少1份').max(20, '一次最多打印20份').default(1),
  })
  .strict();

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
  'documents.reprint': method({ input: PrintInput, output: PrintJobView, access: 'user', summary: 'reprint a document' }),
  'documents.printers': method({ input: Empty, output: z.array(PrinterView), access: 'user', summary: 'configured printers' }),
};
