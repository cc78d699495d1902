import { acceptanceFor } from '../../acceptance';
import { actorOf } from '../../cases';
import type { Workstation } from '../../workstation';
import type { Handlers } from '../dispatch';

type AcceptanceMethods = Exclude<Extract<keyof Handlers, `acceptance.${string}`>, `acceptance.preAcceptance.${string}`>;

export function acceptanceHandlers(ws: Workstation): Pick<Handlers, AcceptanceMethods> {
  const svc = () => acceptanceFor(ws);
  return {
    'acceptance.catalog': (input) => svc().catalogView(input.version),
    'acceptance.guide': (input) => svc().guide(input.itemCode, input.version),
    'acceptance.findProjects': (input) => svc().findProjects(input.query),
    'acceptance.compose': (input) => svc().compose(input),
    'acceptance.checklist': (input) => svc().checklist(input),
    'acceptance.uploadMaterial': (input) => svc().upload(input),
    'acceptance.submit': (input, ctx) => svc().submit(input, actorOf(ctx.user)),
    'acceptance.display': (input) => {
      svc().display(input);
      return { ok: true as const };
    },
    'acceptance.clearDisplay': () => {
      svc().clearDisplay();
      return { ok: true as const };
    },
  };
}
