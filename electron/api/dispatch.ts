import { issueDetails } from '../../shared/api/issues';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName, type MethodOutput, type ParsedInput } from '../../shared/api';
import type { RpcEnvelope } from '../../shared/api/envelope';
import { AppError } from '../../shared/api/errors';
import type { UserView } from '../../shared/api/session';
import type { SessionService } from '../session/session-service';
import { log } from '../log';

export interface CallContext {
  user: UserView | null;
  transport: 'ipc' | 'http' | 'internal';
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * The one entry point both transports use: method name and input arrive as unknown, are
 * checked against the contract, authorised by the session, and only then reach a handler.
 * Whatever goes wrong comes back as `{ code, message }`, never as a thrown stack.
 */
export function createDispatcher(handlers: Handlers, session: SessionService, opts: { checkOutput?: boolean } = {}) {
  return async function dispatch(methodName: unknown, rawInput: unknown, transport: CallContext['transport']): Promise<RpcEnvelope> {
    if (typeof methodName !== 'string' || !isMethodName(methodName)) {
      return fail(new AppError('NOT_FOUND', '没有这个接口，请升级一窗通或联系技术支持'));
    }
    const def = contract[methodName];
    try {
      const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
      if (!parsed.success) {
        const details = issueDetails(parsed.error);
        // The message is for the clerk: the contract's own Chinese message, never the field path
        // (window.phone) or a library's English default; the paths stay in details for the form.
        const first = details.find((d) => CHINESE.test(d.message));
        return fail(new AppError('VALIDATION', `输入有误：${first?.message ?? '格式不正确，请核对后重试'}`, details));
      }
      const user = session.authorize(def.access, def.allowWhenLocked ?? false);
      const handler = handlers[methodName] as (input: unknown, ctx: CallContext) => unknown;
      const result = await handler(parsed.data, { user, transport });
      if (opts.checkOutput) {
        const out = (def.output as z.ZodType).safeParse(result);
        if (!out.success) {
          log.error('contract output mismatch', {
            method: methodName,
            issues: out.error.issues.slice(0, 3).map((i) => i.path.join('.') + ': ' + i.message),
          });
          return fail(new AppError('INTERNAL', '系统内部错误，请重试；仍不行请联系技术支持'));
        }
      }
      return { ok: true, result };
    } catch (err) {
      if (err instanceof AppError) return fail(err);
      // Unexpected: log the method and error class only — inputs may carry personal data.
      log.error('handler failed', { method: methodName, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      return fail(new AppError('INTERNAL', '系统内部错误，请重试；仍不行请联系技术支持'));
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function fail(err: AppError): RpcEnvelope {
  return { ok: false, error: err.toBody() };
}
