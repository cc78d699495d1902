import { shanghaiDateTime } from '../../../shared/domain/time';
import { Button, Card, Empty, Input, Space, Table, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ProjectSummary } from '../../../shared/api/acceptance';
import { checkProjectCode } from '../../../shared/domain/identifiers';
import { useApi } from '../api/hooks';
import { PreAcceptanceMatches } from './PreAcceptanceMatches';

/** Find the project by 项目代码 or name (Enter searches, Enter on a row picks it), or start a new one. */
export function ProjectStep({
  onPick,
  onNew,
  onResume,
}: {
  onPick(p: ProjectSummary): void;
  onNew(code: string | null): void;
  onResume(draftId: string): void;
}) {
  const [query, setQuery] = useState('');
  const projects = useApi('acceptance.findProjects', { query });
  const drafts = useApi('cases.listDrafts', {});
  const box = useRef<InputRef>(null);
  // The row ↓/↑ highlight from the search box; Enter then opens it, so the mouse is never needed.
  // Held by project code, not row index: a background refresh of the list (another window's sync,
  // an acceptance) must neither clear the clerk's choice nor move it to another project.
  const [highlightCode, setHighlightCode] = useState<string | null>(null);
  useEffect(() => box.current?.focus(), []);
  useEffect(() => setHighlightCode(null), [query]);
  const typedCode = checkProjectCode(query).ok ? query : null;
  const rows = projects.data ?? [];
  const highlight = rows.findIndex((p) => p.code === highlightCode);
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (rows.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      const next = highlight < 0 ? (step > 0 ? 0 : rows.length - 1) : (highlight + step + rows.length) % rows.length;
      setHighlightCode(rows[next]?.code ?? null);
      return;
    }
    const picked = rows[highlight];
    // Enter on a highlighted row opens it, unless the clerk changed the query since (then it searches again).
    if (e.key === 'Enter' && picked && e.currentTarget.value.trim() === query) {
      e.preventDefault();
      e.stopPropagation();
      onPick(picked);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Card
        size="small"
        title="查找项目"
        extra={<Typography.Text type="secondary">输入项目代码或名称后按 Enter；方向键选中后按 Enter 进入</Typography.Text>}
      >
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Input.Search
            ref={box}
            allowClear
            placeholder="项目代码（如 2026-330106-47-03-123456）或项目名称"
            onSearch={(v) => setQuery(v.trim())}
            onKeyDown={onSearchKey}
            aria-activedescendant={highlight >= 0 ? `project-row-${highlight}` : undefined}
            data-testid="project-search"
            enterButton="查找"
          />
          <Button onClick={() => onNew(typedCode)} data-testid="new-project">
            新项目{typedCode ? `（${typedCode}）` : ''}
          </Button>
        </Space.Compact>
        <Table<ProjectSummary>
          size="small"
          rowKey="code"
          loading={projects.isLoading}
          dataSource={rows}
          pagination={false}
          rowClassName={(_, i) => (i === highlight ? 'ow-row-highlight' : '')}
          onRow={(p, i) => ({
            onClick: () => onPick(p),
            onKeyDown: (e) => e.key === 'Enter' && onPick(p),
            tabIndex: 0,
            id: `project-row-${i ?? 0}`,
            'aria-selected': i === highlight,
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: <Empty description={query ? '没有找到该项目：核对代码，或点“新项目”登记' : '本窗口尚未受理过项目'} /> }}
          columns={[
            { title: '项目代码', dataIndex: 'code', width: 210 },
            { title: '项目名称', dataIndex: 'name', ellipsis: true },
            { title: '立项类型', dataIndex: 'type', width: 80 },
            { title: '土地', dataIndex: 'landSource', width: 60 },
            { title: '建设单位', dataIndex: 'builderName', ellipsis: true },
            {
              title: '已受理阶段',
              dataIndex: 'stagesAccepted',
              width: 170,
              render: (s: number[], p: ProjectSummary) =>
                s.length ? (
                  s.map((n) => (
                    <Tag
                      key={n}
                      color={p.stagesIssued.includes(n) ? 'blue' : 'green'}
                      title={p.stagesIssued.includes(n) ? `第${n}阶段已出件` : `第${n}阶段已受理`}
                    >
                      第{n}阶段{p.stagesIssued.includes(n) ? '已出件' : ''}
                    </Tag>
                  ))
                ) : (
                  <Typography.Text type="secondary">无</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <PreAcceptanceMatches query={query} onResume={onResume} />
      {(drafts.data?.length ?? 0) > 0 && (
        <Card size="small" title="未完成的受理（草稿）">
          <Table
            size="small"
            rowKey="draftId"
            pagination={false}
            dataSource={drafts.data ?? []}
            onRow={(d) => ({
              onClick: () => onResume(d.draftId),
              onKeyDown: (e) => e.key === 'Enter' && onResume(d.draftId),
              tabIndex: 0,
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: '草稿', dataIndex: 'title' },
              { title: '保存时间', dataIndex: 'updatedAt', width: 180, render: (v: string) => shanghaiDateTime(v, { seconds: true }) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
