import { Card, Empty, Input, Table, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CASE_STATUS_LABELS, type CaseListRow } from '../../../shared/api/cases';
import { useApi } from '../api/hooks';
import { useOpenCase } from '../cases/navigation';
import { certificateText } from '../cases/presentation';
import { DueDate } from '../cases/DueDate';
import { looksLikeCaseCode } from '../cases/case-code';
import { useOpenTypedCase } from '../cases/useScanToOpen';

/**
 * Search cases by case number, project, applicant name or ID number. F2 jumps to the box; an
 * exact case number (typed, pasted or scanned into it) opens that case instead of filtering.
 */
export function CaseList() {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const q = useApi('cases.list', { query, limit: pageSize, offset: (page - 1) * pageSize });
  const search = useRef<InputRef>(null);
  const openCase = useOpenCase();
  const openTyped = useOpenTypedCase();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Card
      size="small"
      title="办件查询"
      extra={
        <Input.Search
          ref={search}
          allowClear
          placeholder="办件编号 / 项目代码 / 申请人姓名 / 身份证号"
          style={{ width: 360 }}
          onSearch={(v) => {
            const text = v.trim();
            const filter = () => {
              setQuery(text);
              setPage(1);
            };
            if (looksLikeCaseCode(text)) void openTyped(text).then((opened) => opened || filter());
            else filter();
          }}
          data-testid="case-search"
          addonAfter={<span className="ow-kbd">F2</span>}
        />
      }
    >
      <Table<CaseListRow>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        // Click or Enter on a focused row opens the case page.
        onRow={(r) => ({
          onClick: () => openCase(r.id),
          onKeyDown: (e) => e.key === 'Enter' && openCase(r.id),
          tabIndex: 0,
          style: { cursor: 'pointer' },
        })}
        locale={{ emptyText: <Empty description={query ? '没有符合条件的办件' : '暂无办件：受理后在此查询'} /> }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 件`,
          size: 'small',
        }}
        columns={[
          {
            title: '办件编号',
            dataIndex: 'caseNumber',
            width: 170,
            render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
          },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '部门', dataIndex: 'department', width: 120, ellipsis: true },
          { title: '项目', dataIndex: 'projectName', ellipsis: true },
          { title: '申请人', dataIndex: 'applicantName', width: 150, ellipsis: true },
          { title: '经办人', dataIndex: 'agentName', width: 80, render: (v: string | null | undefined) => v ?? '本人' },
          {
            title: '经办人证件',
            key: 'certificate',
            width: 220,
            ellipsis: true,
            // Masked on the Node side; the type says how to read the number.
            render: (_: unknown, r: CaseListRow) =>
              r.agentIdNumber
                ? certificateText(r.agentCertificateType, r.agentIdNumber)
                : certificateText(r.applicantCertificateType, r.applicantIdNumber || null),
          },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: CaseListRow['status']) => <Tag>{CASE_STATUS_LABELS[s]}</Tag> },
          { title: '受理日', dataIndex: 'acceptedOn', width: 100 },
          {
            title: '承诺办结',
            dataIndex: 'dueOn',
            width: 130,
            render: (v: string | null, r: CaseListRow) => <DueDate dueOn={v} estimated={r.dueEstimated} />,
          },
        ]}
      />
    </Card>
  );
}
