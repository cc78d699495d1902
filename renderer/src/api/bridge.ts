import type { OneWindowBridge } from '../../../shared/api/bridge';

export type { OneWindowBridge };

declare global {
  interface Window {
    onewindow?: OneWindowBridge;
  }
}
