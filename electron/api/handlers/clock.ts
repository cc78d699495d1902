import { AppError } from '../../../shared/api/errors';
import type { WorkstationClock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Handlers } from '../dispatch';

interface ClockDeps {
  readonly clock: WorkstationClock;
  readonly bus: EventBus;
}

function control(ws: ClockDeps): WorkstationClock {
  if (!ws.clock.testControl) throw new AppError('FORBIDDEN', '此工作站的时钟不能通过接口修改（仅测试启动的工作站可以）');
  return ws.clock;
}

function changed(ws: ClockDeps) {
  const now = ws.clock.now().toISOString();
  ws.bus.emit('system.clock.changed', { now });
  return { now, injected: ws.clock.injected };
}

export function clockHandlers(ws: ClockDeps): Pick<Handlers, 'system.clock.set' | 'system.clock.advance'> {
  return {
    'system.clock.set': (input) => {
      control(ws).set(new Date(input.at));
      return changed(ws);
    },
    'system.clock.advance': (input) => {
      control(ws).advance(input.ms);
      return changed(ws);
    },
  };
}
