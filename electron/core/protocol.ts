/**
 * Messages between the front (Electron main, or the browser host's HTTP process) and the core
 * process (SQLite, devices, PDF, SM2, sync). Both sides are ours and start together, so the
 * messages are plain typed objects; the front still validates everything a window sends before it
 * crosses (the dispatcher in the core checks it again against the contract).
 */
import type { RpcEnvelope } from '../../shared/api/envelope';
import type { HostKind } from '../api/services';
import type { ElectronPrintBridge } from '../devices/printer';

export interface CoreInit {
  dataDir: string;
  hostKind: HostKind;
  /** The clock's start instant (with offset) when injected, and whether tests may move it. */
  clock: { start?: string; testControl: boolean };
  /** Electron only: silent printing is relayed to the main process, which owns the windows. */
  electronPrint: boolean;
}

/** What the front prints or shows once the core is up. */
export interface CoreReady {
  mode: 'production' | 'training';
  now: string;
  clockInjected: boolean;
  clockTestControl: boolean;
}

export type PrintOp = { op: 'listPrinters' } | { op: 'printPdf'; pdf: Uint8Array; opts: Parameters<ElectronPrintBridge['printPdf']>[1] };

export type FrontToCore =
  | { kind: 'init'; init: CoreInit }
  | { kind: 'call'; id: number; method: string; input: unknown; transport: 'ipc' | 'http' }
  | { kind: 'print-done'; id: number; ok: true; value: unknown }
  | { kind: 'print-done'; id: number; ok: false; message: string }
  | { kind: 'stop' };

export type CoreToFront =
  | { kind: 'ready'; ready: CoreReady }
  /** The core could not open the workstation (lock held, damaged store): the message is for the clerk. */
  | { kind: 'start-failed'; message: string }
  | { kind: 'result'; id: number; envelope: RpcEnvelope }
  | { kind: 'event'; event: string; payload: unknown }
  | { kind: 'print'; id: number; request: PrintOp };

/** One end of the pipe to the other process, whatever carries it (fork IPC, Electron's parentPort). */
export interface MessageEnd<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
