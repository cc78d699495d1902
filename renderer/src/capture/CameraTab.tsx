import { Alert, Button, Checkbox, Select, Space, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { autoCrop, grabFrame, thumbnailOf, type CameraPage } from './camera-frames';
import { ManualCrop } from './ManualCrop';
import {
  SIMULATED_CAMERA_ID,
  SIMULATED_CAMERA_LABEL,
  cameraErrorMessage,
  openSimulatedCamera,
  type SimulatedCamera,
} from './simulated-camera';

export interface CameraTabHandle {
  capture(): void;
}

interface Props {
  active: boolean;
  preferredLabel: string | undefined;
  /** Training mode: a synthetic page stream instead of a real camera. */
  simulated?: boolean;
  pages: CameraPage[];
  onPagesChange(pages: CameraPage[]): void;
  handleRef: Ref<CameraTabHandle>;
}

let nextId = 0;

/** Document camera: device picker, live preview, capture with page-edge crop, and the page strip. */
export function CameraTab({ active, preferredLabel, simulated = false, pages, onPagesChange, handleRef }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>();
  const [error, setError] = useState<string>();
  const [gray, setGray] = useState(true);
  const [selected, setSelected] = useState<string>();
  const [cropping, setCropping] = useState<string>();
  const [ready, setReady] = useState(false);

  // Labels are only filled in once camera permission is granted, so open a stream first.
  const sim = useRef<SimulatedCamera | null>(null);
  useEffect(() => {
    if (!active) return;
    if (simulated) {
      setDevices([
        {
          deviceId: SIMULATED_CAMERA_ID,
          label: SIMULATED_CAMERA_LABEL,
          kind: 'videoinput',
          groupId: '',
          toJSON: () => ({}),
        } as MediaDeviceInfo,
      ]);
      setDeviceId(SIMULATED_CAMERA_ID);
      setError(undefined);
      return;
    }
    let cancelled = false;
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('此浏览器不支持摄像头');
        const probe = await navigator.mediaDevices.getUserMedia({ video: true });
        probe.getTracks().forEach((t) => t.stop());
        const list = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
        if (cancelled) return;
        setDevices(list);
        const preferred = list.find((d) => preferredLabel && d.label === preferredLabel) ?? list[0];
        setDeviceId((cur) => cur ?? preferred?.deviceId);
        if (list.length === 0) setError('未找到高拍仪，请检查USB连接线后点击“刷新设备”');
      } catch (e) {
        if (!cancelled) setError(cameraErrorMessage(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [active, preferredLabel, simulated]);

  useEffect(() => {
    if (!active || !deviceId) return;
    let stream: MediaStream | undefined;
    let cancelled = false;
    setReady(false);
    if (deviceId === SIMULATED_CAMERA_ID) {
      const camera = openSimulatedCamera();
      sim.current = camera;
      const v = videoRef.current;
      if (v) {
        v.srcObject = camera.stream;
        void v.play().then(() => !cancelled && setReady(true));
      }
      return () => {
        cancelled = true;
        camera.stop();
        sim.current = null;
      };
    }
    void navigator.mediaDevices
      .getUserMedia({ video: { deviceId: { exact: deviceId }, width: { ideal: 1920 }, height: { ideal: 1080 } } })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const v = videoRef.current;
        if (v) {
          v.srcObject = s;
          void v.play().then(() => setReady(true));
        }
        setError(undefined);
      })
      .catch((e: unknown) => setError(cameraErrorMessage(e)));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [active, deviceId]);

  const capture = useCallback(() => {
    const v = videoRef.current;
    if (!v || !ready || v.videoWidth === 0) return;
    const frame = grabFrame(v, gray);
    const { crop, auto } = autoCrop(frame);
    const page: CameraPage = { id: `p${++nextId}`, frame, crop, autoCropped: auto, rotation: 0, thumbnail: '' };
    page.thumbnail = thumbnailOf(page);
    onPagesChange([...pages, page]);
    setSelected(page.id);
    sim.current?.nextSheet();
    if (!auto) setCropping(page.id);
  }, [gray, onPagesChange, pages, ready]);

  useImperativeHandle(handleRef, () => ({ capture }), [capture]);

  const update = (id: string, change: Partial<CameraPage>) =>
    onPagesChange(
      pages.map((p) => {
        if (p.id !== id) return p;
        const next = { ...p, ...change };
        return { ...next, thumbnail: change.crop ? thumbnailOf(next) : next.thumbnail };
      }),
    );
  const move = (id: string, by: -1 | 1) => {
    const i = pages.findIndex((p) => p.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= pages.length) return;
    const copy = [...pages];
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    onPagesChange(copy);
  };
  const current = pages.find((p) => p.id === selected);
  const croppingPage = pages.find((p) => p.id === cropping);

  return (
    <div style={{ display: 'flex', gap: 12 }}>
      <div style={{ flex: '0 0 560px' }}>
        <Space style={{ marginBottom: 6 }} wrap>
          <Select
            size="small"
            style={{ width: 260 }}
            placeholder="选择高拍仪"
            value={deviceId}
            onChange={setDeviceId}
            options={devices.map((d, i) => ({ value: d.deviceId, label: d.label || `摄像头 ${i + 1}` }))}
            data-testid="camera-select"
          />
          <Checkbox checked={gray} onChange={(e) => setGray(e.target.checked)}>
            黑白（文字页）
          </Checkbox>
          <Tooltip title="空格键">
            <Button type="primary" size="small" disabled={!ready} onClick={capture} data-testid="camera-capture">
              拍摄 <Tag style={{ marginLeft: 4, marginRight: 0 }}>空格</Tag>
            </Button>
          </Tooltip>
        </Space>
        {error && <Alert type="error" showIcon style={{ marginBottom: 6 }} message={error} />}
        {croppingPage ? (
          <ManualCrop
            frame={croppingPage.frame}
            initial={croppingPage.crop}
            onApply={(crop) => {
              update(croppingPage.id, { crop, autoCropped: false });
              setCropping(undefined);
            }}
            onCancel={() => setCropping(undefined)}
          />
        ) : (
          <video
            ref={videoRef}
            muted
            playsInline
            data-testid="camera-preview"
            style={{ width: 560, height: 315, background: '#1f1f1f', objectFit: 'contain' }}
          />
        )}
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ fontSize: 12, color: '#666', marginBottom: 4 }}>
          已拍 {pages.length} 页{current ? `，第 ${pages.indexOf(current) + 1} 页${current.autoCropped ? '（已自动裁边）' : ''}` : ''}
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, maxHeight: 280, overflowY: 'auto' }} data-testid="camera-pages">
          {pages.map((p, i) => (
            <div
              key={p.id}
              onClick={() => setSelected(p.id)}
              style={{
                width: 84,
                border: `2px solid ${p.id === selected ? '#1677ff' : '#e5e5e5'}`,
                padding: 2,
                cursor: 'pointer',
                textAlign: 'center',
                fontSize: 11,
              }}
            >
              <img src={p.thumbnail} alt={`第${i + 1}页`} style={{ maxWidth: 76, maxHeight: 90, transform: `rotate(${p.rotation}deg)` }} />
              <div>第 {i + 1} 页</div>
            </div>
          ))}
        </div>
        {current && (
          <Space wrap size={4} style={{ marginTop: 6 }}>
            <Button size="small" onClick={() => move(current.id, -1)} disabled={pages[0]?.id === current.id}>
              ← 前移
            </Button>
            <Button size="small" onClick={() => move(current.id, 1)} disabled={pages.at(-1)?.id === current.id}>
              后移 →
            </Button>
            <Button
              size="small"
              onClick={() => update(current.id, { rotation: ((current.rotation + 90) % 360) as CameraPage['rotation'] })}
            >
              旋转90°
            </Button>
            <Button size="small" onClick={() => setCropping(current.id)}>
              手动裁剪
            </Button>
            <Button
              size="small"
              onClick={() => {
                // Re-take: drop this page and capture again in its place.
                const v = videoRef.current;
                if (!v || !ready) return;
                const frame = grabFrame(v, gray);
                const { crop, auto } = autoCrop(frame);
                const thumb = thumbnailOf({ frame, crop });
                onPagesChange(
                  pages.map((p) => (p.id === current.id ? { ...p, frame, crop, autoCropped: auto, rotation: 0, thumbnail: thumb } : p)),
                );
              }}
            >
              重拍
            </Button>
            <Button size="small" danger onClick={() => onPagesChange(pages.filter((p) => p.id !== current.id))}>
              删除
            </Button>
          </Space>
        )}
      </div>
    </div>
  );
}
