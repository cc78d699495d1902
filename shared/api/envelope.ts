import type { ApiErrorBody } from './errors';

/**
 * The answer to every rpc call, on every hop: dispatcher -> core process -> front (IPC or HTTP)
 * -> renderer. A failure is `{ code, message }` for the clerk, never a thrown stack.
 */
export type RpcEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
