import { acceptanceFor } from '../../acceptance';
import { PreAcceptanceRecords } from '../../acceptance/pre-acceptance';
import { actorOf } from '../../cases';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

type PreAcceptanceMethods = Extract<keyof Handlers, `acceptance.preAcceptance.${string}`>;

export function preAcceptanceHandlers(ws: Workstation): Pick<Handlers, PreAcceptanceMethods> {
  const records = () => new PreAcceptanceRecords(acceptanceFor(ws));
  return {
    'acceptance.preAcceptance.notify': (input, ctx) => records().notify(input, actorOf(ctx.user)),
    'acceptance.preAcceptance.reject': (input, ctx) => records().reject(input, actorOf(ctx.user)),
    'acceptance.preAcceptance.list': (input) => records().list(input),
    'acceptance.preAcceptance.get': (input) => records().get(input.id),
  };
}
