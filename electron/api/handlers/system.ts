import type { CoreServices } from '../services';
import { productVersion } from '../../resources';
import { schemaVersion } from '../../store/database';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'hostKind' | 'dataDir' | 'now' | 'config' | 'users' | 'db'>;

export function systemHandlers(ws: Deps): Pick<Handlers, 'system.info'> {
  return {
    'system.info': () => ({
      product: 'OneWindow 一窗通',
      version: productVersion(),
      hostKind: ws.hostKind,
      dataDir: ws.dataDir,
      time: ws.now().toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      mode: ws.config().mode,
      needsSetup: ws.users.count() === 0,
      schemaVersion: schemaVersion(ws.db),
    }),
  };
}
