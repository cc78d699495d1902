import { Alert, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/api/cases';
import type { WorklistRow } from '../../../shared/api/hall';
import { WINDOW_ROLE_LABELS } from '../../../shared/protocol/enrolment';
import type { RouteReason } from '../../../shared/protocol/feed';
import { shanghaiDateTime } from '../../../shared/domain/time';
import { useApi, useApiEvent } from '../api/hooks';
import { useOpenCase } from '../cases/navigation';
import { STATUS_COLOR } from '../cases/presentation';
import { useHallStatus } from './useHallStatus';

const REASON: Record<RouteReason, { text: string; color: string }> = {
  review: { text: '待审批', color: 'blue' },
  decided: { text: '审批结果', color: 'geekblue' },
  issue: { text: '待出件', color: 'purple' },
  'hand-over': { text: '移交来件', color: 'orange' },
};

/**
 * 大厅待办: the cases the hall routed to this window — a back office's department cases from any
 * window, an issuing window's cases ready for 出件, hand-overs. Refreshes when the hall pushes.
 */
export function Worklist() {
  const [open, setOpen] = useState(true);
  const status = useHallStatus();
  const q = useApi('hall.worklist', { open });
  const qc = useQueryClient();
  const openCase = useOpenCase();
  // Window names for the workstation ids the hall routes with (offline: the id stays hidden).
  const windows = useApi('hall.windows', {}, { enabled: !!status.data?.enrolled, retry: false, staleTime: 60_000 });
  const windowName = (id: string) => windows.data?.find((w) => w.workstationId === id)?.windowName ?? '其他窗口';
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: ['hall.worklist'] }), [qc]);
  useApiEvent('cases.changed', refresh);
  const s = status.data;
  const title = s?.role ? `大厅待办 · ${WINDOW_ROLE_LABELS[s.role]}${s.department ? `（${s.department}）` : ''}` : '大厅待办';

  return (
    <Card
      size="small"
      title={title}
      extra={
        <Segmented
          size="small"
          value={open ? 'open' : 'all'}
          onChange={(v) => setOpen(v === 'open')}
          options={[
            { value: 'open', label: '待办' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
      data-testid="hall-worklist"
    >
      {s && !s.enrolled && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message="本工位尚未登记到大厅：请系统管理员在“工位设置”中用大厅发放的登记码登记。"
        />
      )}
      {s?.revoked && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={s.revoked} />}
      <Table<WorklistRow>
        size="small"
        rowKey="caseId"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: open ? '没有待办的办件' : '大厅还没有转来办件' }}
        onRow={(r) =>
          ({
            onClick: () => r.status && openCase(r.caseId),
            style: { cursor: r.status ? 'pointer' : 'default' },
            'data-testid': `worklist-${r.caseNumber ?? r.caseId}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: '办件编号', dataIndex: 'caseNumber', width: 190 },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '承办部门', dataIndex: 'department', width: 150, ellipsis: true },
          {
            title: '来由',
            dataIndex: 'reason',
            width: 90,
            render: (r: RouteReason) => <Tag color={REASON[r].color}>{REASON[r].text}</Tag>,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (v: string | null, r) =>
              v ? (
                <Tag color={STATUS_COLOR[v as CaseStatus]}>{CASE_STATUS_LABELS[v as CaseStatus] ?? v}</Tag>
              ) : (
                <Typography.Text type={r.problem ? 'danger' : 'secondary'}>{r.problem ?? '载入中'}</Typography.Text>
              ),
          },
          {
            title: '说明',
            dataIndex: 'note',
            ellipsis: true,
            render: (note: string | null, r) => (
              <Space size={4}>
                {r.fromWorkstation && (
                  <Typography.Text type="secondary">来自{r.fromWindowName ?? windowName(r.fromWorkstation)}</Typography.Text>
                )}
                {note}
              </Space>
            ),
          },
          { title: '转来时间', dataIndex: 'routedAt', width: 150, render: (v: string) => shanghaiDateTime(v) },
        ]}
      />
    </Card>
  );
}
