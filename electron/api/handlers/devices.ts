import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

export function deviceHandlers(ws: Workstation): Pick<Handlers, 'devices.status'> {
  return {
    'devices.status': () => ws.devices.statuses(),
  };
}
