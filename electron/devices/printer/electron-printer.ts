import { AppError } from '../../../shared/api/errors';
import type { Printer, PrintJobResult, PrintOptions } from './printer';

/**
 * What the Electron main process provides: load the PDF in a hidden window and call
 * `webContents.print({ silent: true, deviceName, copies })`. Implemented in electron/main.ts,
 * the only place that may import 'electron'.
 */
export interface ElectronPrintBridge {
  printPdf(pdf: Uint8Array, opts: { deviceName: string; title: string; copies: number }): Promise<{ ok: boolean; failureReason?: string }>;
  listPrinters(): Promise<{ name: string; isDefault: boolean; status: number }[]>;
}

export class ElectronPrinter implements Printer {
  readonly kind = 'electron' as const;
  private sequence = 0;

  constructor(
    readonly name: string,
    private readonly bridge: ElectronPrintBridge,
  ) {}

  async print(pdf: Uint8Array, opts: PrintOptions): Promise<PrintJobResult> {
    const known = await this.bridge.listPrinters();
    if (!known.some((p) => p.name === this.name)) {
      throw new AppError('DEVICE', `找不到打印机“${this.name}”，请检查打印机是否已安装，或在工作站设置中重新选择打印机`);
    }
    const result = await this.bridge.printPdf(pdf, { deviceName: this.name, title: opts.title, copies: Math.max(1, opts.copies ?? 1) });
    if (!result.ok) {
      throw new AppError(
        'DEVICE',
        `打印机“${this.name}”打印失败（${result.failureReason ?? '未知原因'}），请检查电源、纸张和连接线后重新打印`,
      );
    }
    return { jobId: `electron-${Date.now()}-${++this.sequence}`, state: 'completed', message: '已发送到打印机' };
  }
}
