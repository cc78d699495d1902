import { deviceInventory, testDevice } from '../../devices/device-inventory';
import { inventoryContext } from '../../devices/inventory-from-settings';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'config' | 'devices' | 'printing'>;

export function deviceHandlers(ws: Deps): Pick<Handlers, 'devices.status' | 'devices.inventory' | 'devices.test'> {
  const ctx = () => inventoryContext(ws.config(), ws.printing.electronPrintBridge());
  return {
    'devices.status': () => ws.devices.statuses(),
    'devices.inventory': () => deviceInventory(ctx()),
    'devices.test': (input) => testDevice(input.kind, input.driver, input.id, ctx()),
  };
}
