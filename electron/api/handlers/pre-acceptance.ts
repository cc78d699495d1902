import { PreAcceptanceRecords } from '../../acceptance/pre-acceptance';
import { actorOf } from '../../cases';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type PreAcceptanceMethods = Extract<keyof Handlers, `acceptance.preAcceptance.${string}`>;

type Deps = Pick<CoreServices, 'acceptance'>;

export function preAcceptanceHandlers(ws: Deps): Pick<Handlers, PreAcceptanceMethods> {
  const records = () => new PreAcceptanceRecords(ws.acceptance);
  return {
    'acceptance.preAcceptance.notify': (input, ctx) => records().notify(input, actorOf(ctx.user)),
    'acceptance.preAcceptance.reject': (input, ctx) => records().reject(input, actorOf(ctx.user)),
    'acceptance.preAcceptance.list': (input) => records().list(input),
    'acceptance.preAcceptance.get': (input) => records().get(input.id),
  };
}
