import { actorOf } from '../../cases';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type AcceptanceMethods = Exclude<Extract<keyof Handlers, `acceptance.${string}`>, `acceptance.preAcceptance.${string}`>;

type Deps = Pick<CoreServices, 'acceptance' | 'sync' | 'hall'>;

export function acceptanceHandlers(ws: Deps): Pick<Handlers, AcceptanceMethods> {
  const svc = () => ws.acceptance;
  return {
    'acceptance.catalog': (input) => svc().catalogView(input.version),
    'acceptance.guide': (input) => svc().guide(input.itemCode, input.version),
    'acceptance.findProjects': async (input) => {
      // A full 项目代码 typed at any window first brings what the hall holds of it (issue 13).
      await ws.hall.beforeProjectLookup(input.query);
      return svc().findProjects(input.query);
    },
    'acceptance.compose': (input) => svc().compose(input),
    'acceptance.checklist': (input) => svc().checklist(input),
    'acceptance.uploadMaterial': (input) => svc().upload(input),
    'acceptance.submit': (input, ctx) => svc().submit(input, actorOf(ctx.user)),
    'acceptance.display': (input) => {
      svc().display(input);
      return { ok: true as const };
    },
    'acceptance.lookupElicences': async ({ uscc }) => {
      const request = await ws.sync.requestElicences(uscc);
      const licences = svc().heldELicences(uscc);
      const held =
        licences.length > 0
          ? `本机已有该单位电子证照 ${licences.length} 份：${licences.join('、')}`
          : '平台电子证照库中没有该单位的证照，请收取纸质材料';
      const message =
        request.problem ??
        (request.asked ? held : `尚未连接中心平台，${licences.length > 0 ? held : '本机没有该单位的电子证照，请收取纸质材料'}`);
      return { asked: request.asked, found: licences.length, licences, fields: svc().eLicenceFields(uscc), message };
    },
    'acceptance.clearDisplay': () => {
      svc().clearDisplay();
      return { ok: true as const };
    },
  };
}
