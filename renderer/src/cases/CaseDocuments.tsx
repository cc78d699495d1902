import { Card, Space, Tooltip, Typography, Button } from 'antd';
import { useEffect } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import { useApi } from '../api/hooks';
import { caseDocument, PrintButton } from '../print/DocumentPrint';
import { printedBefore } from '../print/case-moments';

/**
 * The papers of this case as the Node side says they are due now (documents.available): the
 * visit's notices, the 补正 or 不予受理 notice, the decision and the licence. Each is previewed
 * before printing; a paper already printed opens as a reprint that asks why.
 */
export function CaseDocuments({
  detail: d,
  onPrinted,
}: {
  detail: CaseDetail;
  /** A print is journaled on the case: the page reloads its history. */ onPrinted(): void;
}) {
  const q = useApi('documents.available', { caseId: d.id });
  // A print, a decision, a signature or a correction changes what is due: ask again.
  const { refetch } = q;
  useEffect(() => void refetch(), [refetch, d.history.length, d.status]);
  return (
    <Card size="small" title="文书" data-testid="case-documents">
      <Space size={6} wrap>
        {q.error && <Typography.Text type="danger">{q.error.message}</Typography.Text>}
        {(q.data ?? []).map((doc) => {
          if (!doc.ready) {
            return (
              <Tooltip key={doc.template} title={doc.reason}>
                <Button size="small" disabled data-testid={`doc-${doc.template}`}>
                  {doc.title}
                </Button>
              </Tooltip>
            );
          }
          const again = printedBefore(d, doc.title);
          return (
            <PrintButton
              key={doc.template}
              source={caseDocument(d.id, doc.template)}
              label={again ? `${doc.title}（补打）` : doc.title}
              printedBefore={again}
              testId={`doc-${doc.template}`}
              onPrinted={onPrinted}
            />
          );
        })}
        {q.data?.length === 0 && <Typography.Text type="secondary">暂无可出具的文书</Typography.Text>}
      </Space>
    </Card>
  );
}
