import type { CoreServices } from '../services';
import { toConfigView } from '../../settings/settings-store';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'bus' | 'config' | 'settings'>;

export function settingsHandlers(ws: Deps): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => toConfigView(ws.config()),
    'settings.update': (input, ctx) => {
      const saved = ws.settings.set(input, ctx.user?.id ?? null);
      ws.bus.emit('settings.changed', {});
      return toConfigView(saved);
    },
  };
}
