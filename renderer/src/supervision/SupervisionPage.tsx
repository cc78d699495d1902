import { Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { CASE_STATUS_LABELS } from '../../../shared/api/cases';
import type { BoardRow } from '../../../shared/api/supervision';
import { BOARD_LEVELS, type BoardLevel } from '../../../shared/domain/lifecycle/supervision-level';
import { useSettings } from '../api/queries/settings';
import { useSupervisionBoard } from '../api/queries/supervision';
import { useOpenCase } from '../cases/navigation';
import { DueDate } from '../cases/DueDate';
import { LEVEL_STYLE, remainingText } from '../cases/presentation';
import '../cases/casework.css';
import { FollowUps } from './FollowUps';

/** Electronic supervision: open cases by level, most urgent first; refreshes every minute. */
export function SupervisionPage({ showFollowUps }: { showFollowUps: boolean }) {
  const board = <Board />;
  if (!showFollowUps) return board;
  return (
    <Tabs
      size="small"
      items={[
        { key: 'board', label: '督办', children: board },
        { key: 'follow', label: '差评回访', children: <FollowUps /> },
      ]}
    />
  );
}

function Board() {
  const [level, setLevel] = useState<BoardLevel | undefined>();
  const [department, setDepartment] = useState<string | undefined>();
  const [clerkId, setClerkId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const filters = { ...(department ? { department } : {}), ...(clerkId ? { clerkId } : {}) };
  // Keyset paging: the next page continues after this page's last row; a jump to page N goes by position.
  const [cursors, setCursors] = useState<ReadonlyMap<string, string>>(new Map());
  const pageKey = (p: number) => `${level ?? ''}|${department ?? ''}|${clerkId ?? ''}|${p}`;
  const after = cursors.get(pageKey(page));
  const q = useSupervisionBoard({
    ...filters,
    ...(level ? { level } : {}),
    limit: pageSize,
    ...(after ? { after } : { offset: (page - 1) * pageSize }),
  });
  const goToPage = (next: number) => {
    const nextCursor = q.data?.nextCursor;
    if (next === page + 1 && nextCursor) setCursors(new Map(cursors).set(pageKey(next), nextCursor));
    setPage(next);
  };
  // Options come from the unfiltered board so a filter never hides the way back.
  const all = useSupervisionBoard({ limit: 500 });
  const settings = useSettings();
  const open = useOpenCase();

  const departments = useMemo(
    () => [...new Set([...(settings.data?.departments ?? []), ...(all.data?.rows ?? []).map((r) => r.department)])].sort(),
    [settings.data, all.data],
  );
  const clerks = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of all.data?.rows ?? []) if (r.clerkId) m.set(r.clerkId, r.clerkName ?? r.clerkId);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [all.data]);
  const counts = q.data?.counts;

  return (
    <Card
      size="small"
      title="督办"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {q.data ? `今日 ${q.data.today} · 每分钟自动刷新` : ''}
        </Typography.Text>
      }
    >
      <Space wrap size={6} style={{ marginBottom: 8 }}>
        <Tag.CheckableTag
          checked={level === undefined}
          onChange={() => {
            setLevel(undefined);
            setPage(1);
          }}
          data-testid="level-all"
        >
          全部 {counts ? Object.values(counts).reduce((a, b) => a + b, 0) : ''}
        </Tag.CheckableTag>
        {BOARD_LEVELS.map((l) => (
          <Tag.CheckableTag
            key={l}
            checked={level === l}
            onChange={(c) => {
              setLevel(c ? l : undefined);
              setPage(1);
            }}
            data-testid={`level-${l}`}
          >
            <Tag color={LEVEL_STYLE[l].color} style={{ marginInlineEnd: 4 }}>
              {LEVEL_STYLE[l].text}
            </Tag>
            {counts ? counts[l] : 0}
          </Tag.CheckableTag>
        ))}
        <Select
          allowClear
          placeholder="全部部门"
          style={{ width: 200 }}
          size="small"
          value={department}
          onChange={(v?: string) => {
            setDepartment(v);
            setPage(1);
          }}
          options={departments.map((d) => ({ value: d, label: d }))}
          data-testid="filter-department"
        />
        <Select
          allowClear
          placeholder="全部受理人"
          style={{ width: 140 }}
          size="small"
          value={clerkId}
          onChange={(v?: string) => {
            setClerkId(v);
            setPage(1);
          }}
          options={clerks}
          data-testid="filter-clerk"
        />
      </Space>
      <Table<BoardRow>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        rowClassName={(r) => `${LEVEL_STYLE[r.level].row} ow-clickable-row`}
        onRow={(r) => ({ onClick: () => open(r.id) })}
        locale={{ emptyText: <Empty description="没有需要督办的办件" /> }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          onChange: goToPage,
          size: 'small',
          showTotal: (t) => `共 ${t} 件`,
        }}
        columns={[
          {
            title: '督办',
            dataIndex: 'level',
            width: 86,
            render: (l: BoardLevel) => <Tag color={LEVEL_STYLE[l].color}>{LEVEL_STYLE[l].text}</Tag>,
          },
          { title: '办件编号', dataIndex: 'caseNumber', width: 170 },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '部门', dataIndex: 'department', width: 140, ellipsis: true },
          { title: '项目', dataIndex: 'projectName', ellipsis: true },
          { title: '受理人', dataIndex: 'clerkName', width: 80, render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'status', width: 86, render: (s: BoardRow['status']) => CASE_STATUS_LABELS[s] },
          {
            title: '承诺办结',
            dataIndex: 'dueOn',
            width: 130,
            render: (v: string | null, r: BoardRow) => <DueDate dueOn={v} estimated={r.dueEstimated} />,
          },
          {
            title: '剩余',
            dataIndex: 'remainingWorkdays',
            width: 130,
            render: (v: number | null, r) => (
              <span style={{ color: r.level === 'red' ? '#cf1322' : r.level === 'yellow' ? '#ad6800' : undefined }}>
                {r.level === 'paused' ? '暂停计时' : remainingText(v)}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
