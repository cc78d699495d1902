import { Alert, AutoComplete, Button, InputNumber, Modal, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { REPRINT_REASONS, type DocumentTemplateName, type PrintJobView, type RenderedDocument } from '../../../shared/api/documents';
import { AppError } from '../../../shared/api/errors';
import { usePrintDocument, useRenderedDocument, useReprintDocument } from '../api/queries/documents';
import { lazyScreen } from '../app/lazy-screen';

// pdf.js (and its worker) is the largest part of the app: fetched with the first preview.
const PdfPages = lazyScreen(async () => (await import('./PdfPages')).PdfPages);

/** What a document is rendered from: an item case, a visit (stage application) or a pre-acceptance record. */
export type DocumentOrigin = { caseId: string } | { applicationId: string } | { preAcceptanceId: string };

/** A document to preview and print; the print is journaled on the origin's stream. */
export interface DocumentSource {
  /** Changes when the document to render changes (the preview renders again). */
  key: string;
  template: DocumentTemplateName;
  origin: DocumentOrigin;
}

export function documentOf(origin: DocumentOrigin, template: DocumentTemplateName): DocumentSource {
  return { key: `${Object.values(origin).join()}:${template}`, origin, template };
}

export function caseDocument(caseId: string, template: DocumentTemplateName): DocumentSource {
  return documentOf({ caseId }, template);
}

interface PreviewProps {
  open: boolean;
  source: DocumentSource;
  /** Printed before (the case history says so): the first print is already a reprint with a reason. */
  printedBefore?: boolean;
  onClose(): void;
  /** The document's blob once rendered (the signing screen signs its sha256). */
  onRendered?(doc: RenderedDocument): void;
  onPrinted?(job: PrintJobView): void;
}

/** The message and, for a document whose data is refused, which fields (so the clerk can fix them). */
function errorText(e: unknown): string {
  if (e instanceof AppError && e.details?.length) return `${e.message}：${e.details.map((d) => d.message).join('；')}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Renders a document, shows every page in the app (pdf.js), prints it. Printing the same paper
 * again — after a jam, a lost copy, a correction — is a reprint: the clerk picks or types why,
 * and the reason is journaled with it. Ctrl+P prints, Esc closes.
 */
export function DocumentPreview({ open, source, printedBefore = false, onClose, onRendered, onPrinted }: PreviewProps) {
  const rendered = useRenderedDocument({ ...source.origin, template: source.template }, open);
  // While a reopened preview renders again, the previous paper is not shown as if it were current.
  const doc = rendered.isFetching ? undefined : rendered.data;
  const [copies, setCopies] = useState(1);
  const [printError, setPrintError] = useState<string>();
  const [job, setJob] = useState<PrintJobView>();
  const [printed, setPrinted] = useState(printedBefore);
  const [reason, setReason] = useState('');
  const printing = usePrintDocument();
  const reprinting = useReprintDocument();
  const busy = printing.isPending || reprinting.isPending;

  // Another document, or the same one opened again: its outcome starts afresh.
  const shown = `${open}:${source.key}`;
  const [lastShown, setLastShown] = useState(shown);
  if (shown !== lastShown) {
    setLastShown(shown);
    setJob(undefined);
    setPrintError(undefined);
  }

  useEffect(() => {
    if (doc) onRendered?.(doc);
  }, [doc, onRendered]);

  const error = printError ?? (rendered.error ? errorText(rendered.error) : undefined);
  const reprint = printed;
  const print = useCallback(async () => {
    if (!doc || busy) return;
    if (reprint && reason.trim().length < 2) {
      setPrintError('重新打印须说明原因：请选择或填写原因');
      return;
    }
    setPrintError(undefined);
    try {
      const target = { ...source.origin, template: source.template, blobSha256: doc.blob.sha256, copies };
      const r = reprint ? await reprinting.mutateAsync({ ...target, reason: reason.trim() }) : await printing.mutateAsync(target);
      setJob(r);
      setReason('');
      onPrinted?.(r);
    } catch (e) {
      setPrintError(errorText(e));
    } finally {
      // Whatever happened, the paper may have come out: the next attempt is a reprint.
      setPrinted(true);
    }
  }, [busy, copies, doc, onPrinted, printing, reason, reprint, reprinting, source.origin, source.template]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={860}
      title={doc ? `${doc.title}（${doc.pages} 页）` : '生成文书'}
      destroyOnHidden
      data-testid="document-preview"
      footer={
        <Space wrap>
          <span style={{ fontSize: 12, color: '#888' }}>
            <Tag>Ctrl+P</Tag>打印 <Tag>Esc</Tag>关闭
          </span>
          {reprint && (
            <AutoComplete
              size="small"
              style={{ width: 240, textAlign: 'left' }}
              options={REPRINT_REASONS.map((r) => ({ value: r }))}
              value={reason}
              onChange={(v: string) => setReason(v)}
              placeholder="重新打印原因（选择或填写）"
              aria-label="重新打印原因"
              data-testid="reprint-reason"
              maxLength={200}
            />
          )}
          份数{' '}
          <InputNumber
            size="small"
            min={1}
            max={20}
            value={copies}
            onChange={(v) => setCopies(v ?? 1)}
            style={{ width: 56 }}
            aria-label="份数"
          />
          <Button onClick={onClose} data-testid="document-close">
            关闭
          </Button>
          <Button type="primary" autoFocus disabled={!doc} loading={busy} onClick={() => void print()} data-testid="document-print">
            {reprint ? '重新打印' : '打印'}
          </Button>
        </Space>
      }
    >
      <div
        onKeyDown={(e) => {
          if (e.ctrlKey && e.key.toLowerCase() === 'p') {
            e.preventDefault();
            void print();
          }
        }}
      >
        {error && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={error} data-testid="document-print-error" />}
        {job && !error && (
          <Alert
            type={job.state === 'completed' ? 'success' : job.state === 'cancelled' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="document-print-done"
            title={
              job.state === 'completed'
                ? `已${job.reprint ? '重新' : ''}打印（${job.printer}）`
                : job.state === 'cancelled'
                  ? `打印任务已取消（${job.printer}）：${job.message}`
                  : `已送打印机“${job.printer}”排队：${job.message}`
            }
          />
        )}
        {doc && doc.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="document-glyph-warning"
            title="文书中有字库无法显示的字，打印后以方框留空"
            description={doc.warnings.map((w) => w.message).join('；')}
          />
        )}
        {doc ? (
          <div style={{ maxHeight: 600, overflow: 'auto', background: '#eef0f3', padding: 8 }}>
            <PdfPages pdfBase64={doc.pdfBase64} />
          </div>
        ) : (
          !error && (
            <div style={{ height: 200, display: 'grid', placeItems: 'center' }}>
              <Spin description="正在生成…" />
            </div>
          )
        )}
      </div>
    </Modal>
  );
}

interface ButtonProps {
  source: DocumentSource;
  label: string;
  size?: 'small' | 'middle';
  type?: 'primary' | 'default';
  printedBefore?: boolean;
  testId?: string;
  onPrinted?(job: PrintJobView): void;
}

/** A button that opens the preview for one document. */
export function PrintButton({ source, label, size = 'small', type = 'default', printedBefore, testId, onPrinted }: ButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} type={type} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      {open && (
        <DocumentPreview
          open
          source={source}
          printedBefore={printedBefore ?? false}
          onClose={() => setOpen(false)}
          {...(onPrinted ? { onPrinted } : {})}
        />
      )}
    </>
  );
}
