import type { CoreServices } from '../services';
import { actorOf } from '../../cases/actor';
import type { Handlers } from '../dispatch';

type HallMethods =
  'hall.status' | 'hall.enrol' | 'hall.worklist' | 'hall.pullProject' | 'hall.windows' | 'hall.handOver' | 'hall.board' | 'hall.statistics';

export function hallHandlers(ws: Pick<CoreServices, 'hall'>): Pick<Handlers, HallMethods> {
  return {
    'hall.status': () => ws.hall.status(),
    'hall.enrol': ({ url, code }, ctx) => ws.hall.enrol(url, code, actorOf(ctx.user)),
    'hall.worklist': ({ open }) => ws.hall.worklist(open),
    'hall.pullProject': ({ projectCode, waitMs }) => ws.hall.pullProject(projectCode, waitMs),
    'hall.windows': () => ws.hall.windows(),
    'hall.handOver': ({ caseId, toWorkstation, note }, ctx) => ws.hall.handOver(caseId, toWorkstation, note, actorOf(ctx.user)),
    'hall.board': (q) => ws.hall.board(q),
    'hall.statistics': (q) => ws.hall.statistics(q),
  };
}
