import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { FoundDevice } from '../../../shared/api/devices';
import { api } from '../api/client';
import { useApiMutation } from '../api/hooks';

const DRIVER: Record<FoundDevice['driver'], string> = {
  escl: 'eSCL 网络',
  sane: 'SANE',
  wia: 'WIA',
  twain: 'TWAIN',
  ipp: 'IPP',
  cups: 'CUPS',
  electron: '系统打印',
};

export type DeviceChoice = { use: 'scanner' } | { use: 'printer'; slot: 'notice' | 'receipt' };

interface Props {
  /** Puts the device into the settings form (saved with 保存配置). */
  onChoose(device: FoundDevice, choice: DeviceChoice): void;
}

/**
 * For the IT installer: every scanner and printer each driver finds on this machine, one line
 * each with what to do, a test per device, and a button to use it.
 */
export function DeviceFinder({ onChoose }: Props) {
  // A search is an act IT starts (it probes the network), not data kept fresh: a mutation.
  const inventory = useApiMutation('devices.inventory');
  const found: FoundDevice[] | undefined = inventory.data;
  const busy = inventory.isPending;
  const error = inventory.error?.message;
  const [tests, setTests] = useState<Record<string, { ok: boolean; message: string } | 'running'>>({});

  const search = () => {
    setTests({});
    inventory.mutate({});
  };
  const key = (d: FoundDevice) => `${d.kind}:${d.driver}:${d.id}`;
  const test = async (d: FoundDevice) => {
    setTests((t) => ({ ...t, [key(d)]: 'running' }));
    const r = await api
      .call('devices.test', { kind: d.kind, driver: d.driver, id: d.id })
      .catch((e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }));
    setTests((t) => ({ ...t, [key(d)]: r }));
  };
  const usable = (d: FoundDevice) =>
    d.state !== 'unsupported' &&
    (d.kind === 'scanner' ? ['escl', 'sane', 'wia'].includes(d.driver) : ['ipp', 'cups', 'electron'].includes(d.driver));

  return (
    <div data-testid="device-finder">
      <Space style={{ marginBottom: 6 }}>
        <Button size="small" onClick={search} loading={busy} data-testid="find-devices">
          查找本机扫描仪和打印机
        </Button>
        {error && <span style={{ color: '#cf1322' }}>{error}</span>}
        {found && !busy && <span style={{ color: '#888', fontSize: 12 }}>找到 {found.length} 台设备</span>}
      </Space>
      {found && (
        <Table<FoundDevice>
          size="small"
          pagination={false}
          rowKey={key}
          dataSource={found}
          columns={[
            {
              title: '设备',
              width: 64,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_, d) => (d.kind === 'scanner' ? '扫描仪' : '打印机'),
            },
            {
              title: '驱动',
              width: 96,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_, d) => <Tag>{DRIVER[d.driver]}</Tag>,
            },
            {
              title: '名称 / 地址',
              render: (_, d) => (
                <div style={{ lineHeight: 1.3 }}>
                  <div>{d.label || d.id}</div>
                  {d.label !== d.id && <div style={{ color: '#888', fontSize: 11 }}>{d.id}</div>}
                </div>
              ),
            },
            {
              title: '状态 / 处理办法',
              render: (_, d) => {
                const t = tests[key(d)];
                if (t === 'running') return '测试中…';
                const text = t ? t.message : d.message;
                const ok = t ? t.ok : d.state === 'ready';
                return (
                  <span
                    style={{ color: ok ? '#389e0d' : d.state === 'unsupported' ? '#d46b08' : '#cf1322', fontSize: 12 }}
                    data-testid="device-state"
                  >
                    {text}
                  </span>
                );
              },
            },
            {
              title: '',
              width: 200,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_, d) =>
                usable(d) && (
                  <Space size={4}>
                    <Button size="small" onClick={() => void test(d)} data-testid={`test-${d.driver}`}>
                      测试
                    </Button>
                    {d.kind === 'scanner' ? (
                      <Button size="small" onClick={() => onChoose(d, { use: 'scanner' })} data-testid={`use-scanner-${d.driver}`}>
                        用作扫描仪
                      </Button>
                    ) : (
                      <>
                        <Button
                          size="small"
                          onClick={() => onChoose(d, { use: 'printer', slot: 'notice' })}
                          data-testid={`use-notice-${d.driver}`}
                        >
                          文书
                        </Button>
                        <Button
                          size="small"
                          onClick={() => onChoose(d, { use: 'printer', slot: 'receipt' })}
                          data-testid={`use-receipt-${d.driver}`}
                        >
                          回执
                        </Button>
                      </>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
