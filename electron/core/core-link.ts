import type { RpcEnvelope } from '../../shared/api/envelope';
import type { EventBus } from '../event-bus';
import type { Dispatch } from '../api/dispatch';

/**
 * What a front (Electron main's IPC, the browser host's HTTP) needs of the core: rpc calls and
 * the event stream. The core usually runs in its own process (CoreSupervisor); tests that reach
 * into the store use `inProcessLink` on a workstation they opened themselves.
 */
export interface CoreLink {
  call(method: string, input: unknown, transport: 'ipc' | 'http'): Promise<RpcEnvelope>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The core in this very process: a workstation's dispatcher and bus, as they are. */
export function inProcessLink(ws: { readonly dispatch: Dispatch; readonly bus: EventBus }): CoreLink {
  return {
    call: (method, input, transport) => ws.dispatch(method, input, transport),
    subscribe: (listener) => ws.bus.subscribe(listener),
  };
}
