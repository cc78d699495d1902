import { Button, Card, Empty, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseListRow } from '../../../shared/api/cases';
import { MAX_BATCH } from '../../../shared/domain/signing/signature-record';
import { useApi } from '../api/hooks';
import { useOpenCase } from '../cases/navigation';
import { LeaderSigningModal } from './LeaderSigningModal';

/** Decided cases of the leader's department awaiting signature; the leader still sees each one before signing. */
export function BatchSigning() {
  const session = useApi('session.state', {});
  const q = useApi('cases.list', { query: '', status: 'decided', limit: 200 });
  const qc = useQueryClient();
  const open = useOpenCase();
  const [selected, setSelected] = useState<string[]>([]);
  const [signing, setSigning] = useState(false);
  const department = session.data?.user?.department ?? null;
  const rows = (q.data?.rows ?? []).filter(
    (r) => !department || r.department === department || r.department.includes(department) || department.includes(r.department),
  );

  return (
    <Card
      size="small"
      title={`待签批${department ? ` · ${department}` : ''}`}
      extra={
        <Button type="primary" size="small" disabled={selected.length === 0} onClick={() => setSigning(true)} data-testid="batch-sign">
          签批选中（{selected.length}）
        </Button>
      }
    >
      <Table<CaseListRow>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as string[]).slice(0, MAX_BATCH)),
        }}
        onRow={(r) => ({ onDoubleClick: () => open(r.id), className: 'ow-clickable-row' })}
        locale={{ emptyText: <Empty description="没有待签批的办件" /> }}
        columns={[
          { title: '办件编号', dataIndex: 'caseNumber', width: 180 },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '部门', dataIndex: 'department', width: 160, ellipsis: true },
          { title: '项目', dataIndex: 'projectName', ellipsis: true },
          { title: '承诺办结', dataIndex: 'dueOn', width: 100 },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        勾选后签批，每批最多 {MAX_BATCH} 件；双击一行打开办件。
      </Typography.Text>
      {signing && (
        <LeaderSigningModal
          caseIds={selected}
          onClose={() => {
            setSigning(false);
            setSelected([]);
          }}
          onSigned={() => void qc.invalidateQueries({ queryKey: ['cases.list'] })}
        />
      )}
    </Card>
  );
}
