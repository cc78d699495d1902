import { Badge, Tooltip } from 'antd';
import type { SyncStatusView } from '../../../shared/api/sync';
import { useSyncStatus } from '../api/queries/sync';

export const SYNC_STATE_LABELS: Record<SyncStatusView['state'], string> = {
  'not-configured': '未配置平台',
  stopped: '已停止',
  idle: '已同步',
  sending: '上传中',
  pulling: '接收中',
  offline: '离线',
  refused: '平台拒绝',
};

/** Where the workstation stands with the central platform. Work never waits for it. */
export function SyncBadge({ onOpen }: { onOpen?: () => void }) {
  // Each sync.status event replaces the cached status (event-invalidation.ts).
  const q = useSyncStatus();
  const s = q.data;
  if (!s) return null;
  const status =
    s.parked > 0 || s.state === 'refused'
      ? 'error'
      : s.state === 'offline'
        ? 'warning'
        : s.state === 'idle'
          ? 'success'
          : s.configured
            ? 'processing'
            : 'default';
  const pending = s.queued > 0 ? ` · 待传 ${s.queued}` : '';
  const tip = [
    s.configured ? `中心平台：${SYNC_STATE_LABELS[s.state]}` : '未配置中心平台：所有业务照常办理，配置后自动补传',
    `已上传 ${s.sent} · 待上传 ${s.queued} · 搁置 ${s.parked}`,
    s.lastError ? `最近错误：${s.lastError.message}` : '',
    s.clockWarning ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Tooltip title={<div style={{ whiteSpace: 'pre-line' }}>{tip}</div>}>
      <span style={{ fontSize: 12, cursor: onOpen ? 'pointer' : 'default' }} data-testid="sync-badge" data-state={s.state} onClick={onOpen}>
        <Badge status={status} />
        {s.state === 'idle' && s.queued > 0 ? '待同步' : SYNC_STATE_LABELS[s.state]}
        {pending}
      </span>
    </Tooltip>
  );
}
