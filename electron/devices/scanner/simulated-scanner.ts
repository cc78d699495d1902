import { setTimeout as sleep } from 'node:timers/promises';
import { encodePng } from '../../documents/png';
import {
  A4_MM,
  ScanInterruptedError,
  type ScanBatch,
  type ScanControl,
  type ScannedPage,
  type Scanner,
  type ScannerDevice,
  type ScanSettings,
} from './scanner';

export interface SimulatedScannerOptions {
  /** Pages in the simulated feeder. */
  feederPages?: number;
  /** Training the "scanner unplugged" case: fail after this many pages. */
  vanishAfterPages?: number;
  pageDelayMs?: number;
}

/** A page of grey "text lines" with a page number block, so trainees see pages in order. */
export function syntheticPagePixels(
  index: number,
  dpi: number,
  areaMm: { width: number; height: number },
): { width: number; height: number; grey: Uint8Array } {
  const w = Math.round((areaMm.width / 25.4) * dpi);
  const h = Math.round((areaMm.height / 25.4) * dpi);
  const px = new Uint8Array(w * h).fill(250);
  const margin = Math.round(dpi * 0.8);
  const lineH = Math.max(2, Math.round(dpi * 0.12));
  const pitch = Math.round(dpi * 0.3);
  for (let y = margin, row = 0; y + lineH < h - margin; y += pitch, row++) {
    const len = (w - 2 * margin) * (0.55 + ((row * 37 + index * 11) % 45) / 100);
    for (let yy = y; yy < y + lineH; yy++) px.fill(60, yy * w + margin, yy * w + margin + Math.floor(len));
  }
  // Page-number block in the top-right corner: index squares, one per page.
  const s = Math.round(dpi * 0.15);
  for (let k = 0; k < Math.min(index, 10); k++)
    for (let yy = s; yy < 2 * s; yy++) px.fill(0, yy * w + w - (k + 2) * 2 * s, yy * w + w - (k + 2) * 2 * s + s);
  return { width: w, height: h, grey: px };
}

function syntheticPage(index: number, dpi: number, areaMm: { width: number; height: number }): Uint8Array {
  const p = syntheticPagePixels(index, dpi, areaMm);
  return encodePng(p.width, p.height, 1, p.grey);
}

/** The scanner of training mode: no SANE needed, same behaviour for cancel and loss. */
export class SimulatedScanner implements Scanner {
  readonly kind = 'simulated' as const;

  constructor(private readonly options: SimulatedScannerOptions = {}) {}

  async list(): Promise<ScannerDevice[]> {
    return [{ name: 'simulated:0', vendor: 'OneWindow', model: '培训扫描仪', type: 'virtual device' }];
  }

  async scan(settings: ScanSettings, control: ScanControl = {}): Promise<ScanBatch> {
    const feeder = !!settings.source && /feeder|adf/i.test(settings.source);
    const available = feeder ? (this.options.feederPages ?? 10) : Infinity;
    const wanted = settings.pages ?? (feeder ? available : 1);
    const pages: ScannedPage[] = [];
    for (let i = 1; i <= Math.min(wanted, available); i++) {
      if (control.signal?.aborted) return { pages, cancelled: true, feederEmpty: false };
      if (this.options.vanishAfterPages !== undefined && pages.length >= this.options.vanishAfterPages) {
        throw new ScanInterruptedError(
          `扫描仪“simulated:0”无响应，可能已断开连接。已扫描的${pages.length}页已保留；请检查扫描仪电源和连接线后继续扫描剩余页`,
          pages,
          'simulated disconnect',
        );
      }
      await sleep(this.options.pageDelayMs ?? 0);
      const page: ScannedPage = {
        index: i,
        format: 'png',
        bytes: syntheticPage(i, settings.resolution, settings.areaMm ?? A4_MM),
        dpi: settings.resolution,
      };
      pages.push(page);
      control.onPage?.(page);
    }
    return { pages, cancelled: false, feederEmpty: feeder && wanted >= available };
  }
}
