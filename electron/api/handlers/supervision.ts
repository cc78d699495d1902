import { supervisionBoard } from '../../cases';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

export function supervisionHandlers(ws: Workstation): Pick<Handlers, 'supervision.board'> {
  return {
    'supervision.board': (input) => supervisionBoard(ws, input),
  };
}
