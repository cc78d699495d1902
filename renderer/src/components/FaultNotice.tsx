import { notification } from 'antd';
import { useCallback } from 'react';
import type { EventPayload } from '../../../shared/api';
import { useApiEvent } from '../api/hooks';

/**
 * A background failure the workstation contained (a device, the store's scheduled check): the
 * clerk is told once, calmly, in a corner, and keeps working. Repeats replace the notice rather
 * than stacking up.
 */
export function FaultNotice() {
  const [api, holder] = notification.useNotification();
  const onFault = useCallback(
    (fault: EventPayload<'system.fault'>) => {
      api.warning({
        key: 'system-fault',
        message: '系统提示',
        description: fault.message,
        duration: 0,
        placement: 'bottomRight',
        props: { 'data-testid': 'system-fault' },
      });
    },
    [api],
  );
  useApiEvent('system.fault', onFault);
  return holder;
}
