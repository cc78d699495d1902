import { deviceInventory, testDevice } from '../../devices/device-inventory';
import { inventoryContext } from '../../devices/inventory-from-settings';
import { printRunnerFor } from '../../printing';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

export function deviceHandlers(ws: Workstation): Pick<Handlers, 'devices.status' | 'devices.inventory' | 'devices.test'> {
  const ctx = () => inventoryContext(ws.config(), printRunnerFor(ws).electronPrintBridge());
  return {
    'devices.status': () => ws.devices.statuses(),
    'devices.inventory': () => deviceInventory(ctx()),
    'devices.test': (input) => testDevice(input.kind, input.driver, input.id, ctx()),
  };
}
