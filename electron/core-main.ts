/**
 * The core process: the workstation's store and services (SQLite with its fsyncs, devices, PDF
 * rendering, SM2, sync), away from the process that serves the windows. Started by the front —
 * Electron main through `utilityProcess.fork`, the browser host through `child_process.fork` —
 * and driven only by the messages of electron/core/protocol.ts.
 */
import type { RpcEnvelope } from '../shared/api/envelope';
import { AppError } from '../shared/api/errors';
import { createClock } from './clock';
import type { CoreInit, CoreToFront, FrontToCore, MessageEnd, PrintOp } from './core/protocol';
import type { ElectronPrintBridge } from './devices/printer';
import { log } from './log';
import { installFaultPolicy } from './process-policy';
import { openWorkstation, type Workstation } from './workstation';

/** Electron's utilityProcess gives the child `process.parentPort`; Node's fork gives `process.send`. */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function parentEnd(): MessageEnd<FrontToCore, CoreToFront> {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return { post: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data as FrontToCore)) };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('the core runs as a child of the front process (npm start)');
  return { post: (m) => void send(m), onMessage: (l) => process.on('message', (m) => l(m as FrontToCore)) };
}

const end = parentEnd();
let ws: Workstation | null = null;
// A device or background error must never end the core: log it, tell the clerk, keep serving.
installFaultPolicy({ processKind: 'core', report: (message) => ws?.bus.emit('system.fault', { message }) });

/** Silent printing needs a window, so the core asks Electron main to print and waits for the answer. */
function relayedPrintBridge(): ElectronPrintBridge {
  let next = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  end.onMessage((m) => {
    if (m.kind !== 'print-done') return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.value);
    else p?.reject(new Error(m.message));
  });
  const request = <T>(op: PrintOp) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: (v) => resolve(v as T), reject });
      end.post({ kind: 'print', id, request: op });
    });
  return {
    listPrinters: () => request({ op: 'listPrinters' }),
    printPdf: (pdf, opts) => request({ op: 'printPdf', pdf, opts }),
  };
}

function start(init: CoreInit): void {
  try {
    const clock = createClock({ ...(init.clock.start ? { start: init.clock.start } : {}), testControl: init.clock.testControl });
    log.toFiles(init.dataDir, { now: () => clock.now() });
    ws = openWorkstation({
      dataDir: init.dataDir,
      hostKind: init.hostKind,
      clock,
      ...(init.electronPrint ? { electronPrint: relayedPrintBridge() } : {}),
    });
  } catch (err) {
    const message = err instanceof AppError ? err.message : `启动失败：${err instanceof Error ? err.message : String(err)}`;
    end.post({ kind: 'start-failed', message });
    return;
  }
  const opened = ws;
  opened.bus.subscribe((event, payload) => end.post({ kind: 'event', event, payload }));
  opened.start();
  end.post({
    kind: 'ready',
    ready: {
      mode: opened.config().mode,
      now: opened.now().toISOString(),
      clockInjected: opened.clock.injected,
      clockTestControl: opened.clock.testControl,
    },
  });
}

const NOT_READY: RpcEnvelope = { ok: false, error: { code: 'INTERNAL', message: '工作站服务尚未就绪，请稍后重试' } };

end.onMessage((m) => {
  switch (m.kind) {
    case 'init':
      start(m.init);
      return;
    case 'call': {
      const answer = ws ? ws.dispatch(m.method, m.input, m.transport) : Promise.resolve(NOT_READY);
      void answer.then((envelope) => end.post({ kind: 'result', id: m.id, envelope }));
      return;
    }
    case 'stop':
      void (ws?.stop() ?? Promise.resolve())
        .catch((err: unknown) => log.error('core stop failed', { error: err instanceof Error ? err.message : String(err) }))
        // The front waits for this exit: the store is closed and the lock released by then.
        .finally(() => process.exit(0));
      return;
    case 'print-done':
      return;
  }
});

// The front went away without a stop (killed): close the store cleanly and go too.
process.on('disconnect', () => {
  void (ws?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
