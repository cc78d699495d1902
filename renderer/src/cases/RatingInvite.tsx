import { App, Button, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { AppError } from '../../../shared/api/errors';
import { useApiEvent, useApiMutation } from '../api/hooks';

type Status = 'pending' | 'done' | 'cancelled';
const TEXT: Record<Status, { label: string; color: string }> = {
  pending: { label: '待评价', color: 'orange' },
  done: { label: '已评价', color: 'green' },
  cancelled: { label: '未评价', color: 'default' },
};

/**
 * 一次一评: asks the applicant display to show the rating for this visit. The clerk learns only
 * whether the applicant has rated, never the choice (the events carry no level).
 */
export function RatingInvite({ caseNumbers }: { caseNumbers: string[] }) {
  const { message } = App.useApp();
  const [visit, setVisit] = useState<{ visitId: string; status: Status } | null>(null);
  const onChanged = useCallback(
    (p: { visitId: string; status: Status }) => setVisit((v) => (v && v.visitId === p.visitId ? { ...v, status: p.status } : v)),
    [],
  );
  useApiEvent('ratings.changed', onChanged);
  const open = useApiMutation('ratings.open');
  const close = useApiMutation('ratings.cancel');

  const invite = async () => {
    try {
      const r = await open.mutateAsync({ caseNumbers });
      setVisit({ visitId: r.visitId, status: r.status });
      message.info('已在申请人显示屏上请申请人评价');
    } catch (e) {
      message.error(e instanceof AppError ? e.message : '邀请评价失败，请重试');
    }
  };
  const cancel = async () => {
    if (!visit) return;
    try {
      const r = await close.mutateAsync({ visitId: visit.visitId });
      setVisit({ visitId: r.visitId, status: r.status });
    } catch (e) {
      message.error(e instanceof AppError ? e.message : '操作失败，请重试');
    }
  };

  return (
    <span data-testid="rating-invite" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      {visit && (
        <Tag color={TEXT[visit.status].color} data-testid="rating-status">
          {TEXT[visit.status].label}
        </Tag>
      )}
      {visit?.status === 'pending' ? (
        <Button size="small" loading={close.isPending} onClick={() => void cancel()}>
          申请人未评价
        </Button>
      ) : (
        <Button size="small" loading={open.isPending} onClick={() => void invite()} disabled={visit?.status === 'done'}>
          邀请评价
        </Button>
      )}
    </span>
  );
}
