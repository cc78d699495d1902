import { Alert, Button, Card, Input, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { BoardRow, StatDimension, StatisticsRow } from '../../../shared/protocol/board';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/api/cases';
import { shanghaiDate } from '../../../shared/domain/time';
import { useApi } from '../api/hooks';
import { workstationNow } from '../app/workstation-clock';

const DIMENSIONS: { value: StatDimension; label: string }[] = [
  { value: 'department', label: '按部门' },
  { value: 'item', label: '按事项' },
  { value: 'window', label: '按窗口' },
  { value: 'clerk', label: '按人员' },
];

/** Statuses the hall's board uses beyond a workstation's own (it sums up the case across windows). */
const HALL_STATUS: Record<string, string> = { completed: '已办结', routed: '已转办' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 全大厅督办 for leaders: every window's cases (keyset pages) and the hall-wide statistics. */
export function HallBoard() {
  return (
    <Tabs
      size="small"
      data-testid="hall-board"
      items={[
        { key: 'board', label: '全大厅督办', children: <BoardPages /> },
        { key: 'stats', label: '全大厅统计', children: <HallStatistics /> },
      ]}
    />
  );
}

function BoardPages() {
  // The keyset cursors of the pages seen so far: "上一页" goes back without an offset.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const q = useApi('hall.board', { limit: 50, ...(after ? { after } : {}) }, { refetchInterval: 30_000 });
  return (
    <Card size="small">
      {q.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={q.error.message} />}
      <Table<BoardRow>
        size="small"
        rowKey="caseId"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: '大厅暂无办件' }}
        rowClassName={(r) => (r.overdue ? 'ow-row-red' : '')}
        columns={[
          { title: '办件编号', dataIndex: 'caseNumber', width: 190 },
          { title: '项目代码', dataIndex: 'projectCode', width: 200, ellipsis: true },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '承办部门', dataIndex: 'department', width: 140, ellipsis: true },
          { title: '受理窗口', dataIndex: 'window', width: 110 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (v: string) => CASE_STATUS_LABELS[v as CaseStatus] ?? HALL_STATUS[v] ?? v,
          },
          { title: '受理日', dataIndex: 'acceptedOn', width: 100 },
          {
            title: '承诺办结',
            dataIndex: 'dueOn',
            width: 100,
            render: (v: string | null, r) => (r.overdue ? <Tag color="red">{v} 逾期</Tag> : v),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button
          size="small"
          disabled={!q.data?.next}
          onClick={() => q.data?.next && setCursors((c) => [...c, q.data.next ?? undefined])}
          data-testid="hall-board-next"
        >
          下一页
        </Button>
      </Space>
    </Card>
  );
}

function HallStatistics() {
  const [by, setBy] = useState<StatDimension>('department');
  const today = shanghaiDate(workstationNow());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const q = useApi('hall.statistics', { from, to, by }, { enabled: valid });
  return (
    <Card
      size="small"
      title={
        <Space>
          <Segmented size="small" value={by} onChange={(v) => setBy(v as StatDimension)} options={DIMENSIONS} />
          <Input
            size="small"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-label="起始日期"
            style={{ width: 140 }}
          />
          至
          <Input size="small" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="截止日期" style={{ width: 140 }} />
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={q.error.message} />}
      <Table<StatisticsRow>
        size="small"
        rowKey="key"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        data-testid="hall-statistics"
        columns={[
          { title: DIMENSIONS.find((d) => d.value === by)?.label.slice(1) ?? '', dataIndex: 'key', ellipsis: true },
          { title: '受理', dataIndex: 'accepted', width: 70 },
          { title: '办结', dataIndex: 'completed', width: 70 },
          { title: '按时办结率', dataIndex: 'onTimeRate', width: 100, render: pct },
          { title: '一次办成率', dataIndex: 'oneVisitRate', width: 100, render: pct },
          { title: '评价', dataIndex: 'ratings', width: 70 },
          { title: '好评', dataIndex: 'good', width: 70 },
          { title: '差评', dataIndex: 'bad', width: 70 },
          { title: '好评率', dataIndex: 'goodRate', width: 90, render: pct },
        ]}
      />
    </Card>
  );
}
