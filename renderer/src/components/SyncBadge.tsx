import { Badge, Tooltip } from 'antd';
import { useApi } from '../api/hooks';

/** Where the workstation stands with the central platform. Work never waits for it. */
export function SyncBadge() {
  const settings = useApi('settings.get', {});
  const configured = !!settings.data?.platform.url;
  return (
    <Tooltip title={configured ? `中心平台：${settings.data?.platform.url}` : '未配置中心平台：所有业务照常办理，配置后自动补传'}>
      <span style={{ fontSize: 12 }} data-testid="sync-badge">
        <Badge status={configured ? 'processing' : 'default'} />
        {configured ? '同步' : '离线（未配置平台）'}
      </span>
    </Tooltip>
  );
}
