import { actorOf, cancelRating, closeFollowUp, listFollowUps, openRating, pendingRating, ratingStatus, submitRating } from '../../cases';
import { followUpsFor } from '../../cases/department-scope';
import type { CoreServices } from '../services';
import type { CaseHost } from '../../cases/case-host';
import type { Handlers } from '../dispatch';

type RatingMethods = Extract<keyof Handlers, `ratings.${string}`>;

type Deps = Pick<CoreServices, keyof CaseHost>;

export function ratingHandlers(ws: Deps): Pick<Handlers, RatingMethods> {
  return {
    'ratings.open': (input, ctx) => openRating(ws, input.caseNumbers, actorOf(ctx.user)),
    'ratings.pending': () => pendingRating(ws),
    'ratings.submit': (input) => {
      submitRating(ws, input);
      return { ok: true as const };
    },
    'ratings.status': (input) => ratingStatus(ws, input.visitId),
    'ratings.cancel': (input, ctx) => cancelRating(ws, input.visitId, actorOf(ctx.user)),
    'ratings.followUps': (input, ctx) => followUpsFor(ws.db, ctx.user, listFollowUps(ws, input.status)),
    'ratings.closeFollowUp': (input, ctx) => closeFollowUp(ws, input.followUpId, input.note, actorOf(ctx.user)),
  };
}
