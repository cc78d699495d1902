import { supervisionBoard } from '../../cases';
import type { CoreServices } from '../services';
import type { CaseHost } from '../../cases/case-host';
import type { Handlers } from '../dispatch';

type Deps = Pick<CoreServices, keyof CaseHost>;

export function supervisionHandlers(ws: Deps): Pick<Handlers, 'supervision.board'> {
  return {
    'supervision.board': (input) => supervisionBoard(ws, input),
  };
}
