import { Badge, Popover, Space, Tooltip } from 'antd';
import type { DeviceStatus } from '../../../shared/api/devices';
import { useDeviceStatus } from '../api/queries/devices';
import { TrainingCardPicker } from './TrainingCardPicker';

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
  // devices.changed carries the whole list and replaces it in the cache (event-invalidation.ts).
  const q = useDeviceStatus();
  return (
    <Space size={12} data-testid="device-badges">
      {(q.data ?? []).map((d) => {
        const badge = (
          <span
            style={{ color: '#dfe6f0', fontSize: 12, cursor: d.kind === 'idcard' && d.simulated ? 'pointer' : 'default' }}
            data-testid={`device-${d.kind}`}
            data-state={d.state}
          >
            <Badge status={COLOR[d.state]} />
            {d.label}
            <span style={{ opacity: 0.7 }}> {d.state === 'ready' ? '' : d.message}</span>
          </span>
        );
        // The simulated reader's badge is where a trainer places and lifts the training cards.
        if (d.kind === 'idcard' && d.simulated) {
          return (
            <Popover
              key={d.kind}
              trigger="click"
              placement="bottomRight"
              title={`${d.label}：${d.message}（模拟）`}
              content={<TrainingCardPicker />}
            >
              {badge}
            </Popover>
          );
        }
        return (
          <Tooltip key={d.kind} title={`${d.label}：${d.message}${d.simulated ? '（模拟）' : ''}`}>
            {badge}
          </Tooltip>
        );
      })}
    </Space>
  );
}
