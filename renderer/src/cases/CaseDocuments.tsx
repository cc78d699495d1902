import { Card, Space, Typography } from 'antd';
import type { CaseDetail } from '../../../shared/api/cases';
import { caseDocument, PrintButton } from '../print/DocumentPrint';
import { dueDocuments, printedBefore } from '../print/case-moments';

/**
 * The papers of this case, each previewed before printing: the visit's notices, the 补正 or
 * 不予受理 notice, the decision and the licence. A paper already printed opens as a reprint.
 */
export function CaseDocuments({ detail: d }: { detail: CaseDetail }) {
  const docs = dueDocuments(d);
  return (
    <Card size="small" title="文书" data-testid="case-documents">
      <Space size={6} wrap>
        {docs.map((doc) => {
          const again = printedBefore(d, doc.label.replace(/及承诺书$/, ''));
          return (
            <PrintButton
              key={doc.template}
              source={caseDocument(d.id, doc.template)}
              label={again ? `${doc.label}（补打）` : doc.label}
              printedBefore={again}
              testId={`doc-${doc.template}`}
            />
          );
        })}
        {docs.length === 0 && <Typography.Text type="secondary">暂无可出具的文书</Typography.Text>}
      </Space>
    </Card>
  );
}
