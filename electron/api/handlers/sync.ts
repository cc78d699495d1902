import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, 'sync'>;

export function syncHandlers(ws: Deps): Pick<Handlers, 'sync.status' | 'sync.now' | 'sync.parked' | 'sync.retry' | 'sync.caseState'> {
  return {
    'sync.status': () => ws.sync.status(),
    'sync.now': () => ws.sync.wake(),
    'sync.parked': () => ws.sync.parked(),
    'sync.retry': ({ eventId }) => ({ released: ws.sync.retry(eventId) }),
    'sync.caseState': ({ stream }) => ws.sync.caseState(stream),
  };
}
