import { shanghaiDateTime } from '../../../shared/domain/time';
import { Alert, App, Button, Card, Descriptions, Space, Table } from 'antd';
import { useApi, useApiMutation } from '../api/hooks';
import { SYNC_STATE_LABELS } from '../components/SyncBadge';

/** Queued, sent and parked events, the last error, retry and "sync now". */
export function SyncPanel() {
  const status = useApi('sync.status', {}, { refetchInterval: 5_000 });
  const parked = useApi('sync.parked', {}, { refetchInterval: 10_000 });
  const now = useApiMutation('sync.now', ['sync.status']);
  const retry = useApiMutation('sync.retry', ['sync.status', 'sync.parked']);
  const { message } = App.useApp();
  const s = status.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title="与中心平台同步"
        extra={
          <Button size="small" type="primary" disabled={!s?.configured} loading={now.isPending} onClick={() => now.mutate({})}>
            立即同步
          </Button>
        }
      >
        {s && !s.configured && (
          <Alert
            style={{ marginBottom: 8 }}
            type="info"
            showIcon
            message="尚未配置中心平台。受理、打印、签批、评价都照常进行，事件在本机排队，配置平台后自动上传。"
          />
        )}
        {s?.clockWarning && <Alert style={{ marginBottom: 8 }} type="warning" showIcon message={s.clockWarning} />}
        {s?.lastError && (
          <Alert
            style={{ marginBottom: 8 }}
            type="error"
            showIcon
            message={`最近错误（${shanghaiDateTime(s.lastError.at, { seconds: true })}）：${s.lastError.message}`}
          />
        )}
        <Descriptions size="small" column={4} bordered>
          <Descriptions.Item label="状态">{s ? SYNC_STATE_LABELS[s.state] : ''}</Descriptions.Item>
          <Descriptions.Item label="待上传">{s?.queued ?? 0}</Descriptions.Item>
          <Descriptions.Item label="已上传">{s?.sent ?? 0}</Descriptions.Item>
          <Descriptions.Item label="搁置">{s?.parked ?? 0}</Descriptions.Item>
          <Descriptions.Item label="最近成功">
            {s?.lastSuccessAt ? shanghaiDateTime(s.lastSuccessAt, { seconds: true }) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="最近接收">{s?.lastPullAt ? shanghaiDateTime(s.lastPullAt, { seconds: true }) : '—'}</Descriptions.Item>
          <Descriptions.Item label="时钟偏差">
            {s?.clockSkewMs !== null && s?.clockSkewMs !== undefined ? `${Math.round(s.clockSkewMs / 1000)} 秒` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="在线">
            {s?.online === null || s?.online === undefined ? '未知' : s.online ? '是' : '否'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title="被平台拒收而搁置的事件"
        extra={
          <Button
            size="small"
            disabled={!parked.data?.length}
            onClick={async () => {
              const r = await retry.mutateAsync({});
              message.success(`已重新排队 ${r.released} 条`);
            }}
          >
            全部重试
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="eventId"
          pagination={false}
          dataSource={parked.data ?? []}
          locale={{ emptyText: '没有搁置的事件' }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '办件', dataIndex: 'stream' },
            { title: '事件', dataIndex: 'type' },
            { title: '次数', dataIndex: 'attempts', width: 60 },
            { title: '平台答复', dataIndex: 'lastError' },
            {
              title: '',
              width: 80,
              render: (_: unknown, r: { eventId: string }) => (
                <Button size="small" onClick={() => retry.mutate({ eventId: r.eventId })}>
                  重试
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
