import type { WorkstationConfig } from '../../shared/api/settings';
import type { ElectronPrintBridge } from './printer';
import type { InventoryContext } from './device-inventory';

/** The addresses IT already configured are always probed, whether or not mDNS reaches them. */
export function inventoryContext(config: WorkstationConfig, electronBridge?: ElectronPrintBridge): InventoryContext {
  const sc = config.devices.scanner;
  const printers = Object.values(config.devices.printers);
  return {
    esclAddresses: sc.driver === 'escl' && sc.device ? [sc.device] : [],
    ippAddresses: [...new Set(printers.filter((p) => p.kind === 'ipp' && p.uri).map((p) => p.uri!))],
    ...(electronBridge ? { electronBridge } : {}),
  };
}
