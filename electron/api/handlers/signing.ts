import { AppError } from '../../../shared/api/errors';
import type { UserView } from '../../../shared/api/session';
import type { CoreServices } from '../services';
import type { CaseHost } from '../../cases/case-host';
import type { Handlers } from '../dispatch';

type SigningMethods =
  | 'signing.provisionKey'
  | 'signing.listKeys'
  | 'signing.setPin'
  | 'signing.authenticate'
  | 'signing.cancel'
  | 'signing.sign'
  | 'signing.verify'
  | 'signing.export';

type Deps = Pick<CoreServices, keyof CaseHost | 'users' | 'blobs' | 'signing'>;

function required(user: UserView | null): UserView {
  // The dispatcher has already refused anonymous calls to non-public methods.
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return user;
}

export function signingHandlers(ws: Deps): Pick<Handlers, SigningMethods> {
  const signing = () => ws.signing;
  return {
    'signing.provisionKey': (input, ctx) => signing().provisionKey(input, required(ctx.user).id),
    'signing.listKeys': () => signing().listKeys(),
    'signing.setPin': (input, ctx) => signing().setPin(required(ctx.user), input),
    'signing.authenticate': (input, ctx) => signing().authenticate(input, required(ctx.user)),
    'signing.cancel': (input) => {
      signing().cancel(input.ticket);
      return { ok: true as const };
    },
    'signing.sign': (input, ctx) => ({ signatures: signing().sign(input, required(ctx.user)) }),
    'signing.verify': (input) =>
      'record' in input
        ? signing().verifyExported(input.record, input.content, input.documentSha256)
        : signing().verifyStored(
            input.signatureId,
            input.content && input.documentSha256 ? { content: input.content, documentSha256: input.documentSha256 } : undefined,
          ),
    'signing.export': (input) => signing().exportSignature(input.signatureId),
  };
}
