import { Alert, Button, InputNumber, Modal, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DocumentTemplateName, PrintJobView, RenderedDocument } from '../../../shared/api/documents';
import { api } from '../api/client';

interface PreviewProps {
  open: boolean;
  caseId: string;
  template: DocumentTemplateName;
  onClose(): void;
  /** The document's blob once rendered (the signing screen signs its sha256). */
  onRendered?(doc: RenderedDocument): void;
  onPrinted?(job: PrintJobView): void;
}

function blobUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * Renders a document for a case, shows it, prints it. A failed print keeps the rendered PDF:
 * 重新打印 sends the same bytes again (journaled as a reprint). Enter prints, Esc closes.
 */
export function DocumentPreview({ open, caseId, template, onClose, onRendered, onPrinted }: PreviewProps) {
  const [doc, setDoc] = useState<RenderedDocument>();
  const [url, setUrl] = useState<string>();
  const [copies, setCopies] = useState(1);
  const [error, setError] = useState<string>();
  const [job, setJob] = useState<PrintJobView>();
  const [printing, setPrinting] = useState(false);
  const [attempts, setAttempts] = useState(0);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    let made: string | undefined;
    setDoc(undefined);
    setJob(undefined);
    setError(undefined);
    setAttempts(0);
    api
      .call('documents.render', { caseId, template })
      .then((d) => {
        if (cancelled) return;
        made = blobUrl(d.pdfBase64);
        setDoc(d);
        setUrl(made);
        onRendered?.(d);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [open, caseId, template, onRendered]);

  const print = useCallback(async () => {
    if (!doc || printing) return;
    setPrinting(true);
    setError(undefined);
    try {
      const method = attempts > 0 ? 'documents.reprint' : 'documents.print';
      const r = await api.call(method, { caseId, template, blobSha256: doc.blob.sha256, copies });
      setJob(r);
      onPrinted?.(r);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setAttempts((n) => n + 1);
      setPrinting(false);
    }
  }, [attempts, caseId, copies, doc, onPrinted, printing, template]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={860}
      title={doc ? `${doc.title}（${doc.pages} 页）` : '生成文书'}
      destroyOnHidden
      footer={
        <Space>
          <span style={{ fontSize: 12, color: '#888' }}>
            <Tag>Enter</Tag>打印 <Tag>Esc</Tag>关闭
          </span>
          份数 <InputNumber size="small" min={1} max={20} value={copies} onChange={(v) => setCopies(v ?? 1)} style={{ width: 56 }} />
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" autoFocus disabled={!doc} loading={printing} onClick={() => void print()} data-testid="document-print">
            {attempts > 0 ? '重新打印' : '打印'}
          </Button>
        </Space>
      }
    >
      <div onKeyDown={(e) => e.key === 'Enter' && void print()}>
        {error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={error} data-testid="document-print-error" />}
        {job && !error && (
          <Alert
            type={job.state === 'completed' ? 'success' : job.state === 'cancelled' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 8 }}
            message={
              job.state === 'completed'
                ? `已打印（${job.printer}）`
                : job.state === 'cancelled'
                  ? `打印任务已取消（${job.printer}）：${job.message}`
                  : `已送打印机“${job.printer}”排队：${job.message}`
            }
          />
        )}
        {url ? (
          <iframe title="文书预览" src={url} style={{ width: '100%', height: 560, border: '1px solid #e5e5e5' }} />
        ) : (
          !error && (
            <div style={{ height: 200, display: 'grid', placeItems: 'center' }}>
              <Spin tip="正在生成…" />
            </div>
          )
        )}
      </div>
    </Modal>
  );
}

interface ButtonProps {
  caseId: string;
  template: DocumentTemplateName;
  label: string;
  size?: 'small' | 'middle';
}

/** A button that opens the preview for one document of a case. */
export function PrintButton({ caseId, template, label, size = 'small' }: ButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <DocumentPreview open={open} caseId={caseId} template={template} onClose={() => setOpen(false)} />
    </>
  );
}
