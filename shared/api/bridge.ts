import type { RpcEnvelope } from './envelope';

export type { RpcEnvelope } from './envelope';

/** What electron/preload.ts exposes as window.onewindow: one typed object, nothing else. */
export interface OneWindowBridge {
  call(method: string, input: unknown): Promise<RpcEnvelope>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** IPC channel names shared by main and preload. */
export const RPC_CHANNEL_PREFIX = 'rpc:';
export const EVENT_CHANNEL = 'onewindow:event';
