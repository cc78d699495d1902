import { AppError } from '../../shared/api/errors';
import type { WorkstationConfig } from '../../shared/api/settings';
import { EsclScanner, SaneScanner, SimulatedScanner, type Scanner } from '../devices/scanner';
import type { BrowseOptions } from '../devices/scanner/escl/mdns';
import { WiaScanner, type WiaScannerOptions } from '../devices/scanner/wia/wia-scanner';

export interface ScannerContext {
  /** SANE's environment (SANE_CONFIG_DIR in tests). */
  saneEnv?: NodeJS.ProcessEnv;
  /** How long without data counts as a lost scanner (SaneScanner's default otherwise). */
  saneStallMs?: number;
  /** Training: how the simulator behaves. */
  simulator?: ConstructorParameters<typeof SimulatedScanner>[0];
  /** eSCL discovery: where to ask (tests point it at a loopback responder), or off. */
  esclBrowse?: BrowseOptions | false;
  esclStallMs?: number;
  wia?: WiaScannerOptions;
}

export function scannerFromSettings(config: WorkstationConfig, ctx: ScannerContext = {}): Scanner {
  switch (config.devices.scanner.driver) {
    case 'none':
      throw new AppError('DEVICE_NOT_CONFIGURED', '尚未配置扫描仪，请在工作站设置中选择扫描仪，或改用高拍仪拍摄');
    case 'simulator':
      return new SimulatedScanner(ctx.simulator ?? { feederPages: 5, pageDelayMs: 150 });
    case 'sane':
      return new SaneScanner({ ...(ctx.saneEnv ? { env: ctx.saneEnv } : {}), ...(ctx.saneStallMs ? { stallMs: ctx.saneStallMs } : {}) });
    case 'escl': {
      const device = config.devices.scanner.device;
      return new EsclScanner({
        ...(device ? { url: device } : {}),
        ...(ctx.esclBrowse !== undefined ? { browse: ctx.esclBrowse } : {}),
        ...(ctx.esclStallMs ? { stallMs: ctx.esclStallMs } : {}),
      });
    }
    case 'wia':
      return new WiaScanner(ctx.wia ?? {});
  }
}
