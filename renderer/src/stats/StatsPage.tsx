import { App, Button, Card, Empty, Input, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { StatsFigures, StatsGroup } from '../../../shared/api/stats';
import { daysInMonth } from '../../../shared/domain/calendar/dates';
import { useStatsExport, useStatsSummary } from '../api/queries/stats';
import { todayIso } from '../cases/presentation';
import { DailyBars, OnTimeBars } from './charts';

type GroupBy = 'department' | 'item' | 'clerk';
const GROUP_LABEL: Record<GroupBy, string> = { department: '部门', item: '事项', clerk: '受理人' };

function rate(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function periodOf(kind: 'month' | 'lastMonth' | 'year', today = todayIso()): { from: string; to: string } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (kind === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  if (kind === 'year') return { from: `${y}-01-01`, to: today };
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const last = daysInMonth(py, pm);
  const mm = String(pm).padStart(2, '0');
  return { from: `${py}-${mm}-01`, to: `${py}-${mm}-${last}` };
}

function download(base64: string, filename: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hall statistics for managers: volume, timeliness, one-visit rate and satisfaction. */
export function StatsPage() {
  const [period, setPeriod] = useState(() => periodOf('month'));
  const [groupBy, setGroupBy] = useState<GroupBy>('department');
  const q = useStatsSummary({ ...period, groupBy });
  const exporting = useStatsExport();
  const { message } = App.useApp();

  const exportXlsx = () =>
    exporting.mutate(
      { ...period, groupBy },
      {
        onSuccess: (f) => download(f.base64, f.filename, f.mime),
        onError: (e) => void message.error(e.message || '导出失败，请重试'),
      },
    );

  const columns = [
    { title: GROUP_LABEL[groupBy], dataIndex: 'label', ellipsis: true },
    { title: '受理', dataIndex: 'accepted', width: 70, align: 'right' as const },
    { title: '办结', dataIndex: 'completed', width: 70, align: 'right' as const },
    { title: '按时办结率', dataIndex: 'onTimeRate', width: 100, align: 'right' as const, render: rate },
    {
      title: '平均办理(工作日)',
      dataIndex: 'averageHandlingWorkdays',
      width: 130,
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
    },
    { title: '一次办结率', dataIndex: 'oneVisitRate', width: 100, align: 'right' as const, render: rate },
    { title: '评价数', dataIndex: 'ratings', width: 70, align: 'right' as const },
    { title: '满意率', dataIndex: 'satisfactionRate', width: 80, align: 'right' as const, render: rate },
  ];
  const totals: StatsFigures | undefined = q.data?.totals;

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="stats-screen">
      <Card size="small" title="统计分析">
        <Space wrap size={8}>
          <Segmented
            size="small"
            options={[
              { value: 'month', label: '本月' },
              { value: 'lastMonth', label: '上月' },
              { value: 'year', label: '本年' },
            ]}
            onChange={(v) => setPeriod(periodOf(v as 'month' | 'lastMonth' | 'year'))}
          />
          <Input
            type="date"
            size="small"
            style={{ width: 140 }}
            value={period.from}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))}
            aria-label="开始日期"
          />
          <span>至</span>
          <Input
            type="date"
            size="small"
            style={{ width: 140 }}
            value={period.to}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))}
            aria-label="结束日期"
          />
          <span>按</span>
          <Segmented
            size="small"
            value={groupBy}
            onChange={(v) => setGroupBy(v as GroupBy)}
            options={(Object.keys(GROUP_LABEL) as GroupBy[]).map((k) => ({ value: k, label: GROUP_LABEL[k] }))}
          />
          <Button size="small" onClick={exportXlsx} loading={exporting.isPending} data-testid="stats-export">
            导出 Excel
          </Button>
        </Space>
        {q.error && (
          <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
            {q.error.message}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small">
        <Table<StatsGroup>
          size="small"
          rowKey="key"
          loading={q.isLoading}
          dataSource={q.data?.groups ?? []}
          pagination={false}
          columns={columns}
          locale={{ emptyText: <Empty description="所选期间没有办件" /> }}
          data-testid="stats-table"
          summary={() =>
            totals ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <span data-testid="stats-total-accepted">{totals.accepted}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <span data-testid="stats-total-completed">{totals.completed}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {rate(totals.onTimeRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {totals.averageHandlingWorkdays === null ? '—' : totals.averageHandlingWorkdays.toFixed(1)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {rate(totals.oneVisitRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <span data-testid="stats-total-ratings">{totals.ratings}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {rate(totals.satisfactionRate)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      {q.data && (
        <Space size={8} align="start" wrap>
          <Card size="small" title="每日受理与办结">
            <DailyBars daily={q.data.daily} />
          </Card>
          <Card size="small" title={`按时办结率（按${GROUP_LABEL[groupBy]}）`}>
            {q.data.groups.length ? <OnTimeBars groups={q.data.groups} /> : <Empty />}
          </Card>
        </Space>
      )}
    </Space>
  );
}
