import { Alert, Button, InputNumber, Progress, Radio, Select, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CapturedBlob, ScanProgress } from '../../../shared/api/capture';
import { useApiEvent } from '../api/hooks';
import { useCancelScan, useFinishScan, useScanners, useStartScan } from '../api/queries/capture';
import { pageThumbnail } from './page-thumbnail';

interface Props {
  active: boolean;
  materialCode: string;
  onBlob(blob: CapturedBlob | undefined): void;
}

interface Thumb {
  page: number;
  src: string;
}

/** Scanner: source, resolution, mode; background scan with progress, cancel, and kept pages on failure. */
export function ScannerTab({ active, materialCode, onBlob }: Props) {
  const scanners = useScanners(active);
  const { mutateAsync: startScan } = useStartScan();
  const { mutateAsync: finishScan } = useFinishScan();
  const { mutate: cancelScan } = useCancelScan();
  const [source, setSource] = useState<'flatbed' | 'feeder' | 'duplex'>('flatbed');
  const [resolution, setResolution] = useState(200);
  const [mode, setMode] = useState<'Gray' | 'Color' | 'Lineart'>('Gray');
  const [count, setCount] = useState(10);
  const [scanId, setScanId] = useState<string>();
  const [running, setRunning] = useState(false);
  const [total, setTotal] = useState(0);
  const [thumbs, setThumbs] = useState<Thumb[]>([]);
  const [failure, setFailure] = useState<{ message: string; kept: number }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const d = scanners.data?.defaults;
    if (d) {
      setResolution(d.resolution);
      setMode(d.mode);
    }
  }, [scanners.data]);

  const onProgress = useCallback(
    (p: ScanProgress) => {
      if (p.scanId !== scanId) return;
      if (p.kind === 'started') setTotal(p.total);
      if (p.kind === 'page') {
        const page = p.page;
        setThumbs((t) => [...t.filter((x) => x.page !== page), { page, src: p.thumbnail }]);
        if (!p.thumbnail)
          void pageThumbnail(p.scanId, page).then((src) => src && setThumbs((t) => t.map((x) => (x.page === page ? { page, src } : x))));
      }
      if (p.kind === 'done') {
        setRunning(false);
        onBlob(p.blob);
      }
      if (p.kind === 'failed') {
        setRunning(false);
        setFailure({ message: p.message, kept: p.kept });
      }
      if (p.kind === 'cancelled') {
        setRunning(false);
        setFailure(p.kept > 0 ? { message: `已取消扫描，保留已扫描的 ${p.kept} 页`, kept: p.kept } : undefined);
      }
    },
    [scanId, onBlob],
  );
  useApiEvent('capture.progress', onProgress);

  const start = async (continueScan: boolean) => {
    setError(undefined);
    setFailure(undefined);
    try {
      const r = await startScan({
        materialCode,
        source,
        resolution,
        mode,
        pages: source === 'flatbed' ? 1 : count,
        ...(continueScan && scanId ? { continueScanId: scanId } : {}),
      });
      if (!continueScan) {
        setThumbs([]);
        onBlob(undefined);
      }
      // The 'started' event can arrive before this call returns: the requested count is the total.
      setTotal((continueScan ? thumbs.length : 0) + (source === 'flatbed' ? 1 : count));
      setScanId(r.scanId);
      setRunning(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const keep = async () => {
    if (!scanId) return;
    try {
      onBlob(await finishScan({ scanId }));
      setFailure(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const notConfigured = scanners.data?.driver === 'none';
  const done = thumbs.length;
  return (
    <div>
      {scanners.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={scanners.error.message} />}
      {notConfigured && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message="尚未配置扫描仪：请管理员在工作站设置中选择扫描仪，或改用高拍仪拍摄。"
        />
      )}
      <Space wrap style={{ marginBottom: 8 }}>
        <span data-testid="scanner-name">
          设备：{scanners.data ? scannerName(scanners.data) : scanners.isLoading ? '查找中…' : '未找到'}
        </span>
        <Radio.Group
          size="small"
          value={source}
          onChange={(e) => setSource(e.target.value as 'flatbed' | 'feeder' | 'duplex')}
          optionType="button"
        >
          <Radio value="flatbed">平板</Radio>
          <Radio value="feeder">自动进纸</Radio>
          <Radio value="duplex">双面进纸</Radio>
        </Radio.Group>
        <Select
          size="small"
          style={{ width: 100 }}
          value={resolution}
          onChange={setResolution}
          options={[150, 200, 300, 600].map((v) => ({ value: v, label: `${v} dpi` }))}
        />
        <Select
          size="small"
          style={{ width: 90 }}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'Gray', label: '灰度' },
            { value: 'Color', label: '彩色' },
            { value: 'Lineart', label: '黑白' },
          ]}
        />
        {source !== 'flatbed' && (
          <span>
            最多 <InputNumber size="small" min={1} max={200} value={count} onChange={(v) => setCount(v ?? 1)} style={{ width: 64 }} /> 页
          </span>
        )}
        {!running ? (
          <>
            <Button type="primary" size="small" disabled={notConfigured} onClick={() => void start(false)} data-testid="scan-start">
              开始扫描
            </Button>
            {scanId && done > 0 && (
              <Button size="small" onClick={() => void start(true)}>
                {source === 'flatbed' ? '扫描下一页' : '继续扫描剩余页'}
              </Button>
            )}
          </>
        ) : (
          <Button size="small" danger onClick={() => scanId && cancelScan({ scanId })} data-testid="scan-cancel">
            取消扫描
          </Button>
        )}
      </Space>
      {(running || done > 0) && (
        <Progress
          size="small"
          percent={!running && !failure ? 100 : total ? Math.round((done / total) * 100) : 0}
          status={running ? 'active' : failure ? 'exception' : 'success'}
          format={() => (running ? `${done}/${total} 页` : `${done} 页`)}
        />
      )}
      {error && <Alert type="error" showIcon style={{ margin: '6px 0' }} message={error} />}
      {failure && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '6px 0' }}
          message={failure.message}
          action={
            failure.kept > 0 ? (
              <Button size="small" onClick={() => void keep()}>
                使用已扫描的 {failure.kept} 页
              </Button>
            ) : undefined
          }
        />
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }} data-testid="scan-pages">
        {thumbs
          .sort((a, b) => a.page - b.page)
          .map((t) => (
            <div key={t.page} style={{ width: 84, border: '1px solid #e5e5e5', padding: 2, textAlign: 'center', fontSize: 11 }}>
              {t.src ? (
                <img src={t.src} alt={`第${t.page}页`} style={{ maxWidth: 76, maxHeight: 100 }} />
              ) : (
                <div style={{ height: 100, background: '#fafafa' }} />
              )}
              <div>第 {t.page} 页</div>
            </div>
          ))}
      </div>
    </div>
  );
}

/** The scanner as IT configured it (its address), the training scanner by name rather than its backend id (simulated:0). */
function scannerName(view: { driver: string; configured?: string | undefined; devices: { name: string }[] }): string {
  if (view.driver === 'simulator') return '模拟扫描仪（培训）';
  return view.configured ?? view.devices[0]?.name ?? '未找到';
}
