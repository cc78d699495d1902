import { exportStatistics, hallStatistics } from '../../cases';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

export function statsHandlers(ws: Workstation): Pick<Handlers, 'stats.summary' | 'stats.export'> {
  return {
    'stats.summary': (input) => hallStatistics(ws.db, input),
    'stats.export': (input) => {
      const { filename, mime, base64 } = exportStatistics(ws.db, input);
      return { filename, mime, base64 };
    },
  };
}
