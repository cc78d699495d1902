import { Table } from 'antd';
import type { CalendarChange, MovedDeadline } from '../../../shared/api/calendar';

/** The moves of one recomputation, as the clerk reads them. */
export function MovedTable({ change }: { change: CalendarChange }) {
  return (
    <Table<MovedDeadline>
      size="small"
      rowKey="caseId"
      pagination={false}
      dataSource={change.moved}
      data-testid="moved-deadlines"
      columns={[
        { title: '办件编号', dataIndex: 'caseNumber', width: 170 },
        { title: '事项', dataIndex: 'itemName' },
        { title: '原承诺办结', dataIndex: 'from', width: 110, render: (v: string | null) => v ?? '—' },
        { title: '现承诺办结', dataIndex: 'to', width: 130, render: (v: string | null, r) => (v ?? '—') + (r.estimated ? '（暂估）' : '') },
      ]}
    />
  );
}
