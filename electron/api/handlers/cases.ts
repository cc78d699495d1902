import { listCases } from '../../cases/case-list';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

export function caseHandlers(ws: Workstation): Pick<Handlers, 'cases.list'> {
  return {
    'cases.list': (input) => listCases(ws.db, input),
  };
}
