import { AppError } from '../../../shared/api/errors';
import { listCases } from '../../cases/case-list';
import {
  actorOf,
  caseDetail,
  correctParties,
  decideCase,
  deleteDraft,
  endSpecialProcedure,
  extendCase,
  issueCase,
  listDrafts,
  loadDraft,
  recordFee,
  rejectCase,
  requestCorrection,
  revealIdNumber,
  saveDraft,
  signCase,
  startSpecialProcedure,
  supplementCase,
  sweepDeficiencies,
  withdrawCase,
} from '../../cases';
import { signAtWindow } from '../../cases/sign-at-window';
import type { CoreServices } from '../services';
import type { Handlers } from '../dispatch';

type CaseMethods = Extract<keyof Handlers, `cases.${string}`>;

type Deps = Pick<CoreServices, 'db' | 'bus' | 'calendar' | 'now' | 'config' | 'blobs' | 'users' | 'signing' | 'acceptance'>;

export function caseHandlers(ws: Deps): Pick<Handlers, CaseMethods> {
  return {
    'cases.list': (input) => listCases(ws.db, input, ws.calendar.current()),
    'cases.saveDraft': (input, ctx) => saveDraft(ws, input, actorOf(ctx.user)),
    'cases.listDrafts': () => listDrafts(ws),
    'cases.loadDraft': (input) => loadDraft(ws, input.draftId),
    'cases.deleteDraft': (input) => {
      deleteDraft(ws, input.draftId);
      return { ok: true as const };
    },
    'cases.get': (input, ctx) => caseDetail(ws, input, ctx.user?.role ?? null),
    'cases.revealIdNumber': (input, ctx) => revealIdNumber(ws, input.caseId, actorOf(ctx.user)),
    'cases.requestCorrection': (input, ctx) => requestCorrection(ws, input.caseId, input.items, actorOf(ctx.user)),
    'cases.reject': (input, ctx) => rejectCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.supplement': (input, ctx) => supplementCase(ws, input.caseId, input.materials, actorOf(ctx.user)),
    'cases.startSpecialProcedure': (input, ctx) => startSpecialProcedure(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.endSpecialProcedure': (input, ctx) => endSpecialProcedure(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.extend': (input, ctx) => extendCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.decide': (input, ctx) => decideCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.sign': (input, ctx) => signCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.signAtWindow': async (input, ctx) => {
      if (!ctx.user) throw new AppError('UNAUTHENTICATED', '请先登录');
      return { signed: await signAtWindow(ws, input, ctx.user) };
    },
    'cases.issue': (input, ctx) => issueCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.withdraw': (input, ctx) => withdrawCase(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.recordFee': (input, ctx) => recordFee(ws, input.caseId, input, actorOf(ctx.user)),
    'cases.correctParties': (input, ctx) => correctParties(ws, input, actorOf(ctx.user), ctx.user?.department ?? null),
    'cases.sweep': () => sweepDeficiencies(ws),
  };
}
