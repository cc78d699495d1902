import { Badge, Space, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DeviceStatus } from '../../../shared/api/devices';
import { useApi, useApiEvent } from '../api/hooks';

const COLOR: Record<DeviceStatus['state'], 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  ready: 'success',
  reading: 'processing',
  connecting: 'processing',
  'not-configured': 'default',
  disconnected: 'warning',
  error: 'error',
};

/** One small badge per device; the tooltip says what to do when it is not ready. */
export function DeviceBadges() {
  const q = useApi('devices.status', {});
  const qc = useQueryClient();
  const onChange = useCallback((list: DeviceStatus[]) => qc.setQueryData(['devices.status', {}], list), [qc]);
  useApiEvent('devices.changed', onChange);
  return (
    <Space size={12} data-testid="device-badges">
      {(q.data ?? []).map((d) => (
        <Tooltip key={d.kind} title={`${d.label}：${d.message}${d.simulated ? '（模拟）' : ''}`}>
          <span style={{ color: '#dfe6f0', fontSize: 12 }} data-testid={`device-${d.kind}`} data-state={d.state}>
            <Badge status={COLOR[d.state]} />
            {d.label}
            <span style={{ opacity: 0.7 }}> {d.state === 'ready' ? '' : d.message}</span>
          </span>
        </Tooltip>
      ))}
    </Space>
  );
}
