import type { ApiClient, EventPayload, EventName, MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { EVENT_NAMES } from '../../../shared/api/event-names';
import { AppError, isApiErrorBody } from '../../../shared/api/errors';
import type { RpcEnvelope as Envelope } from '../../../shared/api/envelope';
import type { OneWindowBridge } from './bridge';

/** Electron: the preload bridge. */
function ipcTransport(bridge: OneWindowBridge) {
  return { call: (m: string, input: unknown) => bridge.call(m, input), subscribe: bridge.onEvent };
}

/**
 * Browser host: POST /rpc/<method> with the session cookie, server-sent events on /events. The
 * applicant display uses its own routes under /display/, which carry the display capability only.
 */
function httpTransport(base: '' | '/display') {
  return {
    async call(method: string, input: unknown): Promise<Envelope> {
      let res: Response;
      try {
        res = await fetch(`${base}/rpc/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接工作站服务：请确认一窗通仍在运行后刷新页面' } };
      }
      const body: unknown = await res.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return body as Envelope;
      return { ok: false, error: { code: 'INTERNAL', message: `工作站服务返回异常（${res.status}），请刷新页面` } };
    },
    subscribe(listener: (event: string, payload: unknown) => void): () => void {
      const source = new EventSource(`${base}/events`);
      const handlers = EVENT_NAMES.map((name) => {
        const h = (e: MessageEvent<string>) => listener(name, JSON.parse(e.data) as unknown);
        source.addEventListener(name, h);
        return [name, h] as const;
      });
      return () => {
        for (const [name, h] of handlers) source.removeEventListener(name, h);
        source.close();
      };
    },
  };
}

/** Everything in the renderer talks through this; nothing else knows the transport. */
export function createClient(): ApiClient & { transport: 'ipc' | 'http' } {
  const t = window.onewindow
    ? ipcTransport(window.onewindow)
    : httpTransport(window.location.pathname.startsWith('/display') ? '/display' : '');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | undefined;
  return {
    transport: window.onewindow ? 'ipc' : 'http',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const r = await t.call(method, input);
      if (r.ok) return r.result as MethodOutput<M>;
      const e = isApiErrorBody(r.error) ? r.error : { code: 'INTERNAL' as const, message: '未知错误' };
      throw new AppError(e.code, e.message, e.details);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      unsubscribe ??= t.subscribe((name, payload) => listeners.get(name)?.forEach((l) => l(payload)));
      const set = listeners.get(event) ?? new Set();
      const l = listener as (payload: unknown) => void;
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    },
  };
}

export const api = createClient();
