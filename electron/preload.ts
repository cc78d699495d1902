import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, RPC_CHANNEL_PREFIX, type OneWindowBridge, type RpcEnvelope } from '../shared/api/bridge';

// Sandboxed preload: bundled into one CommonJS file, exposes one typed object and no raw
// ipcRenderer. The main process validates every argument against the contract.
const bridge = {
  call: (method: string, input: unknown) => ipcRenderer.invoke(RPC_CHANNEL_PREFIX + String(method), input) as Promise<RpcEnvelope>,
  onEvent: (listener: (event: string, payload: unknown) => void) => {
    const handler = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies OneWindowBridge;

contextBridge.exposeInMainWorld('onewindow', bridge);
