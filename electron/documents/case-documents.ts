import { PDFDocument } from 'pdf-lib';
import type { RenderedDocument } from '../../shared/api/documents';
import { caseDocumentData, type CaseDataHost } from './case-data';
import { renderDocument, templates, type TemplateName } from './registry';

export interface CaseDocument {
  caseId: string;
  caseNumber: string;
  title: string;
  verificationRef: string;
  pdf: Uint8Array;
  pages: number;
}

/** Renders one template from a stored case (not stored: the CLI writes it to a file). */
export async function renderCaseDocument(host: CaseDataHost, template: TemplateName, by: { id: string } | { caseNumber: string }): Promise<CaseDocument> {
  const d = caseDocumentData(host, template, by);
  const pdf = await renderDocument(template, d.data);
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  return { caseId: d.caseId, caseNumber: d.caseNumber, title: templates[template].title, verificationRef: d.verificationRef, pdf, pages };
}

/**
 * Renders and keeps the PDF as a content-addressed blob: its SHA-256 is what the leader signs
 * and what print/reprint refer to, so the paper and the signed hash are the same bytes.
 */
export async function renderAndStore(host: CaseDataHost, template: TemplateName, caseId: string): Promise<RenderedDocument> {
  const doc = await renderCaseDocument(host, template, { id: caseId });
  const blob = host.blobs.put(doc.pdf, 'application/pdf');
  return {
    blob: { sha256: blob.sha256, size: blob.size, mime: 'application/pdf' },
    title: doc.title,
    pages: doc.pages,
    verificationRef: doc.verificationRef,
    pdfBase64: Buffer.from(doc.pdf).toString('base64'),
  };
}
