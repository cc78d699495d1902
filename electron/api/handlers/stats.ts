import { exportStatistics, hallStatistics } from '../../cases';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'db' | 'now' | 'config' | 'calendar'>;

export function statsHandlers(ws: Deps): Pick<Handlers, 'stats.summary' | 'stats.export'> {
  return {
    'stats.summary': (input) => hallStatistics(ws.db, input),
    'stats.export': (input) => {
      const { filename, mime, base64 } = exportStatistics(ws.db, input);
      return { filename, mime, base64 };
    },
  };
}
