import { AppError } from '../../../shared/api/errors';
import { clockOf, type WorkstationClock } from '../../clock';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

function control(ws: Workstation): WorkstationClock {
  const clock = clockOf(ws);
  if (!clock?.testControl) throw new AppError('FORBIDDEN', '此工作站的时钟不能通过接口修改（仅测试启动的工作站可以）');
  return clock;
}

function changed(ws: Workstation, clock: WorkstationClock) {
  const now = ws.now().toISOString();
  ws.bus.emit('system.clock.changed', { now });
  return { now, injected: clock.injected };
}

export function clockHandlers(ws: Workstation): Pick<Handlers, 'system.clock.set' | 'system.clock.advance'> {
  return {
    'system.clock.set': (input) => {
      const clock = control(ws);
      clock.set(new Date(input.at));
      return changed(ws, clock);
    },
    'system.clock.advance': (input) => {
      const clock = control(ws);
      clock.advance(input.ms);
      return changed(ws, clock);
    },
  };
}
