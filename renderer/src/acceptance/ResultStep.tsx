import { Alert, Button, Card, Result, Space, Table, Typography } from 'antd';
import type { SubmitResult } from '../../../shared/api/acceptance';
import { visitDocuments } from '../print/visit-documents';
import { PrintButton } from '../print/DocumentPrint';

/**
 * The case numbers the applicant leaves with, and the visit's papers: one notice covering every
 * item case (the 容缺 notice with the applicant's 承诺书 when anything is 容缺, never the ordinary
 * one) and the 材料接收凭证 — each previewed in the app before it prints.
 */
export function ResultStep({ result, onNew, onNextStage }: { result: SubmitResult; onNew(): void; onNextStage(): void }) {
  const deficient = result.cases.some((c) => c.status === 'deficiency');
  return (
    <Card size="small">
      <Result
        status="success"
        title={deficient ? '已容缺受理' : '受理成功'}
        subTitle={`第${result.stage}阶段共 ${result.cases.length} 个办件，请将办件编号告知申请人`}
        extra={
          <Space>
            {visitDocuments(result).map((doc, i) => (
              <PrintButton
                key={doc.source.key}
                source={doc.source}
                label={doc.label}
                size="middle"
                type={i === 0 ? 'primary' : 'default'}
                testId={doc.testId}
              />
            ))}
            {result.stage < 4 && <Button onClick={onNextStage}>本项目下一阶段</Button>}
            <Button onClick={onNew}>
              新受理 <span className="ow-kbd">F4</span>
            </Button>
          </Space>
        }
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={result.cases}
        data-testid="accepted-cases"
        columns={[
          {
            title: '办件编号',
            dataIndex: 'caseNumber',
            width: 180,
            render: (v: string) => (
              <Typography.Text copyable strong>
                {v}
              </Typography.Text>
            ),
          },
          { title: '事项', dataIndex: 'itemName' },
          { title: '承办部门', dataIndex: 'department', width: 170 },
          { title: '承诺办结日期', dataIndex: 'dueOn', width: 120 },
        ]}
      />
      {Object.values(result.warnings).map((w) => (
        <Alert key={w} style={{ marginTop: 6 }} type="warning" showIcon message={w} />
      ))}
    </Card>
  );
}
