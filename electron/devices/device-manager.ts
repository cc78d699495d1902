import type { DeviceStatus } from '../../shared/api/devices';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { EventBus } from '../event-bus';

type Kind = DeviceStatus['kind'];

const LABELS: Record<Kind, string> = { idcard: '身份证读卡器', scanner: '扫描仪', camera: '高拍仪', printer: '打印机', display: '评价屏' };

/**
 * Collects the status of every device for the badges. Drivers report into it; a device the
 * configuration leaves at 'none' is shown as 未配置 — never as a simulated or invented one.
 */
export class DeviceManager {
  private readonly reported = new Map<Kind, DeviceStatus>();

  constructor(
    private readonly bus: EventBus,
    private readonly config: () => WorkstationConfig,
  ) {}

  report(kind: Kind, status: Omit<DeviceStatus, 'kind' | 'label'>): void {
    this.reported.set(kind, { kind, label: LABELS[kind], ...status });
    this.bus.emit('devices.changed', this.statuses());
  }

  /** Call after the configuration changed: drivers that were removed fall back to 未配置. */
  configurationChanged(): void {
    this.bus.emit('devices.changed', this.statuses());
  }

  statuses(): DeviceStatus[] {
    const c = this.config();
    const configured: Record<Kind, { configured: boolean; simulated: boolean }> = {
      idcard: { configured: c.devices.idcard.driver !== 'none', simulated: c.devices.idcard.driver === 'simulator' },
      scanner: { configured: c.devices.scanner.driver !== 'none', simulated: c.devices.scanner.driver === 'simulator' },
      camera: { configured: c.devices.camera.driver !== 'none', simulated: c.devices.camera.driver === 'simulator' },
      printer: { configured: c.devices.printers.notice.kind !== 'none', simulated: c.devices.printers.notice.kind === 'folder' },
      display: { configured: true, simulated: false },
    };
    return (Object.keys(LABELS) as Kind[]).map((kind) => {
      const { configured: isConfigured, simulated } = configured[kind];
      if (!isConfigured) return { kind, label: LABELS[kind], state: 'not-configured', message: '未配置', simulated: false };
      return (
        this.reported.get(kind) ?? { kind, label: LABELS[kind], state: 'ready', message: simulated ? '模拟设备' : '已配置', simulated }
      );
    });
  }
}
