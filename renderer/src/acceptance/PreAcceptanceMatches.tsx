import { Button, Card, Table, Tag } from 'antd';
import { PRE_ACCEPTANCE_KIND_LABELS, type PreAcceptanceView } from '../../../shared/api/pre-acceptance';
import { useApi } from '../api/hooks';

/**
 * The applicant comes back after a 一次性告知: searching the project (code, name, applicant or
 * the record number on the paper) also finds the record, and 继续受理 opens the saved form.
 */
export function PreAcceptanceMatches({ query, onResume }: { query: string; onResume(draftId: string): void }) {
  const found = useApi('acceptance.preAcceptance.list', { query }, { enabled: query.length > 0 });
  const rows = query ? (found.data ?? []) : [];
  if (rows.length === 0) return null;
  return (
    <Card size="small" title="受理前记录（一次性告知、不予受理）" data-testid="pre-acceptance-matches">
      <Table<PreAcceptanceView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '编号', dataIndex: 'number', width: 170 },
          {
            title: '类别',
            dataIndex: 'kind',
            width: 100,
            render: (k: PreAcceptanceView['kind']) => (
              <Tag color={k === 'rejection' ? 'red' : 'orange'}>{PRE_ACCEPTANCE_KIND_LABELS[k]}</Tag>
            ),
          },
          { title: '项目', render: (_, r) => r.projectName ?? '—', ellipsis: true },
          { title: '申请人', dataIndex: 'applicantName', width: 90 },
          { title: '日期', dataIndex: 'createdOn', width: 100 },
          { title: '尚缺材料', render: (_, r) => r.deficiencies.map((d) => d.name).join('、') || '—', ellipsis: true },
          {
            title: '',
            width: 100,
            render: (_, r) =>
              r.draftId && r.draftOpen ? (
                <Button size="small" type="primary" onClick={() => r.draftId && onResume(r.draftId)} data-testid={`resume-${r.number}`}>
                  继续受理
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
