import { Alert, Button, Modal } from 'antd';
import { useState } from 'react';
import type { CalendarChange } from '../../../shared/api/calendar';
import type { UserView } from '../../../shared/api/session';
import { useApiEvent } from '../api/hooks';
import { useCalendarStatus } from '../api/queries/calendar';
import { MovedTable } from '../admin/MovedTable';

/**
 * What the calendar needs people to know: from 1 November the administrator is reminded to
 * import next year's notice; when an arrangement arrives and due dates move, whoever is at the
 * screen is told which cases moved and to what date.
 */
export function CalendarNotices({ user, onOpen }: { user: UserView; onOpen: () => void }) {
  // Hourly: the reminder starts on 1 November without anything else happening.
  const status = useCalendarStatus({ refetchInterval: 3_600_000 });
  const [change, setChange] = useState<CalendarChange | null>(null);
  // The moved cases' reads go stale by themselves (event-invalidation.ts); this only tells people.
  useApiEvent('calendar.changed', setChange);
  const missing = status.data?.nextYearMissing ?? null;
  return (
    <>
      {user.role === 'admin' && missing !== null && (
        <Alert
          type="warning"
          showIcon
          banner
          data-testid="calendar-banner"
          message={`${missing}年放假安排尚未导入：跨入${missing}年的办结时限目前按法定节假日暂估。国务院办公厅通知发布后请及时导入。`}
          action={
            <Button size="small" onClick={onOpen}>
              导入通知
            </Button>
          }
        />
      )}
      <Modal
        open={change !== null}
        title="承诺办结日期已重新计算"
        onCancel={() => setChange(null)}
        footer={
          <Button type="primary" onClick={() => setChange(null)} data-testid="calendar-change-ok">
            知道了
          </Button>
        }
        width={720}
      >
        {change && (
          <div data-testid="calendar-change">
            <p>
              {change.reason}，{change.movedCount} 件在办件的承诺办结日期有变化，请按新日期办理并告知申请人：
            </p>
            <MovedTable change={change} />
            {change.movedCount > change.moved.length && <p>（仅列出前 {change.moved.length} 件，其余见各办件的办理记录）</p>}
          </div>
        )}
      </Modal>
    </>
  );
}
