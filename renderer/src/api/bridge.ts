import type { ApiErrorBody } from '../../../shared/api/errors';

/** What electron/preload.ts exposes as window.onewindow (one typed object). */
export interface OneWindowBridge {
  call(method: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiErrorBody }>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    onewindow?: OneWindowBridge;
  }
}
