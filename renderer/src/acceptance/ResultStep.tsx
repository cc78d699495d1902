import { App, Alert, Button, Card, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { SubmitResult } from '../../../shared/api/acceptance';
import { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';

/** The case numbers the applicant leaves with, and the notice to print for them. */
export function ResultStep({ result, onNew, onNextStage }: { result: SubmitResult; onNew(): void; onNextStage(): void }) {
  const { message } = App.useApp();
  const [printing, setPrinting] = useState(false);
  const print = async () => {
    setPrinting(true);
    try {
      for (const c of result.cases) {
        const doc = await api.call('documents.render', { caseId: c.id, template: 'acceptance-notice' });
        const job = await api.call('documents.print', { caseId: c.id, template: 'acceptance-notice', blobSha256: doc.blob.sha256 });
        if (job.state === 'failed') throw new AppError('DEVICE', job.message);
      }
      void message.success('受理通知书已送打印');
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '打印失败，请检查打印机后重试');
    } finally {
      setPrinting(false);
    }
  };
  const deficient = result.cases.some((c) => c.status === 'deficiency');
  return (
    <Card size="small">
      <Result
        status="success"
        title={deficient ? '已容缺受理' : '受理成功'}
        subTitle={`第${result.stage}阶段共 ${result.cases.length} 个办件，请将办件编号告知申请人`}
        extra={
          <Space>
            <Button type="primary" loading={printing} onClick={() => void print()} data-testid="print-notice">
              打印受理通知书
            </Button>
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
          { title: '办件编号', dataIndex: 'caseNumber', width: 180, render: (v: string) => <Typography.Text copyable strong>{v}</Typography.Text> },
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
