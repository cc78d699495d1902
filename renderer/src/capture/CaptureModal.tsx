import { Alert, Button, Modal, Space, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CapturedBlob } from '../../../shared/api/capture';
import { useAssemblePages } from '../api/queries/capture';
import { useSettings } from '../api/queries/settings';
import { croppedCanvas, jpegBase64, type CameraPage } from './camera-frames';
import { CameraTab, type CameraTabHandle } from './CameraTab';
import { ScannerTab } from './ScannerTab';

export interface CapturedRef {
  sha256: string;
  size: number;
  mime: string;
  pages: number;
}

export interface CaptureDialogProps {
  open: boolean;
  materialName: string;
  onClose(): void;
  onCaptured(ref: CapturedRef): void;
}

/** Longest side sent per camera page: enough for 200 dpi on A4 without megabyte pages. */
const MAX_SIDE = 2400;

/**
 * Turns paper into one PDF for a checklist material: the document camera (拍摄, 裁边, 旋转,
 * 重拍, 排序) or the scanner (批量, 进度, 取消). Space takes a photo, Enter finishes.
 */
export function CaptureModal({ open, materialName, onClose, onCaptured }: CaptureDialogProps) {
  const settings = useSettings({ enabled: open });
  const [tab, setTab] = useState<'camera' | 'scanner'>('camera');
  const [pages, setPages] = useState<CameraPage[]>([]);
  const [scanBlob, setScanBlob] = useState<CapturedBlob>();
  const { mutateAsync: assemble, isPending: busy } = useAssemblePages();
  const [error, setError] = useState<string>();
  const camera = useRef<CameraTabHandle>(null);

  useEffect(() => {
    if (!open) {
      setPages([]);
      setScanBlob(undefined);
      setError(undefined);
    }
  }, [open]);
  useEffect(() => {
    if (settings.data && settings.data.devices.camera.driver === 'none' && settings.data.devices.scanner.driver !== 'none')
      setTab('scanner');
  }, [settings.data]);

  const finish = useCallback(async () => {
    if (busy) return;
    setError(undefined);
    if (tab === 'scanner') {
      if (!scanBlob) return setError('还没有扫描完成的页面，请先扫描');
      onCaptured(scanBlob);
      return;
    }
    if (pages.length === 0) return setError('还没有拍摄页面，请按空格键拍摄');
    try {
      const payload = await Promise.all(
        pages.map(async (p) => ({
          mime: 'image/jpeg' as const,
          dataBase64: await jpegBase64(croppedCanvas(p, MAX_SIDE)),
          rotation: p.rotation,
        })),
      );
      onCaptured(await assemble({ pages: payload, materialName: materialName.slice(0, 80) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [assemble, busy, materialName, onCaptured, pages, scanBlob, tab]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (typing) return;
      if (e.key === ' ' && tab === 'camera') {
        e.preventDefault();
        camera.current?.capture();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void finish();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [finish, open, tab]);

  const ready = tab === 'camera' ? pages.length > 0 : !!scanBlob;
  return (
    <Modal
      open={open}
      title={`采集材料：${materialName}`}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <span style={{ fontSize: 12, color: '#888' }}>
            <Tag>空格</Tag>拍摄 <Tag>Enter</Tag>完成 <Tag>Esc</Tag>关闭
          </span>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} disabled={!ready} onClick={() => void finish()} data-testid="capture-finish">
            完成（{tab === 'camera' ? pages.length : (scanBlob?.pages ?? 0)} 页）
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={error} />}
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as 'camera' | 'scanner')}
        items={[
          {
            key: 'camera',
            label: '高拍仪',
            children: (
              <CameraTab
                active={open && tab === 'camera'}
                preferredLabel={settings.data?.devices.camera.label}
                simulated={settings.data?.devices.camera.driver === 'simulator'}
                pages={pages}
                onPagesChange={setPages}
                handleRef={camera}
              />
            ),
          },
          {
            key: 'scanner',
            label: '扫描仪',
            children: (
              <ScannerTab active={open && tab === 'scanner'} materialCode={materialName.slice(0, 64) || 'material'} onBlob={setScanBlob} />
            ),
          },
        ]}
      />
    </Modal>
  );
}
