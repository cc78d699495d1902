/**
 * The front's side of the core process: starts it, relays rpc calls and events, and restarts it
 * when it dies. What a clerk committed is in SQLite (synchronous=FULL) before the answer left the
 * core, so a restarted core serves it; calls in flight when the core died are answered with an
 * error the clerk can retry, and the screens are told (`system.fault`) what happened.
 */
import type { RpcEnvelope } from '../../shared/api/envelope';
import { AppError } from '../../shared/api/errors';
import type { ElectronPrintBridge } from '../devices/printer';
import { log } from '../log';
import type { CoreLink } from './core-link';
import type { CoreInit, CoreReady, CoreToFront, FrontToCore, PrintOp } from './protocol';

/** One started core process, whatever runs it (Node's fork, Electron's utilityProcess). */
export interface CoreProcess {
  readonly pid: number | undefined;
  post(message: FrontToCore): void;
  onMessage(listener: (message: CoreToFront) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type SpawnCore = () => CoreProcess;

export const CORE_RESTARTED_MESSAGE =
  '工作站后台服务意外中止，已自动重新启动，请重新登录。已保存的受理和办件不受影响；刚才未完成的操作请重做一次。';
export const CORE_DOWN_MESSAGE = '工作站后台服务反复中止，无法自动恢复：请关闭并重新打开一窗通；如仍不行请联系信息科';
const CALL_LOST: RpcEnvelope = {
  ok: false,
  error: { code: 'INTERNAL', message: '工作站后台服务意外中止，正在自动重启：请稍候几秒后重做这一步' },
};
const CORE_DOWN: RpcEnvelope = { ok: false, error: { code: 'INTERNAL', message: CORE_DOWN_MESSAGE } };

/** Restarts in a row without a successful start before the supervisor gives up. */
const MAX_FAILED_RESTARTS = 5;

type Listener = (event: string, payload: unknown) => void;

export interface SupervisorOptions {
  /** Electron main only: prints what the core asks it to (the windows live here). */
  printBridge?: ElectronPrintBridge;
  /** Told after each restart (tests, the bench). */
  onRestart?: (ready: CoreReady) => void;
}

export class CoreSupervisor implements CoreLink {
  private core: CoreProcess | null = null;
  private ready: Promise<CoreReady> | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, (envelope: RpcEnvelope) => void>();
  private readonly listeners = new Set<Listener>();
  private stopping = false;
  private down = false;
  private failedRestarts = 0;
  /** Where an injected clock stood, so a restarted core keeps the time the screens were shown. */
  private clockOffsetMs: number | null = null;

  constructor(
    private readonly spawn: SpawnCore,
    private readonly init: CoreInit,
    private readonly opts: SupervisorOptions = {},
  ) {}

  /** Starts the core; rejects with the core's own message (lock held, damaged store) when it cannot open. */
  start(): Promise<CoreReady> {
    return this.launch();
  }

  get pid(): number | undefined {
    return this.core?.pid;
  }

  async call(method: string, input: unknown, transport: 'ipc' | 'http'): Promise<RpcEnvelope> {
    if (this.down) return CORE_DOWN;
    try {
      await this.ready;
    } catch {
      return this.down ? CORE_DOWN : CALL_LOST;
    }
    const core = this.core;
    if (!core) return CALL_LOST;
    const id = ++this.nextId;
    return new Promise<RpcEnvelope>((resolve) => {
      this.pending.set(id, resolve);
      core.post({ kind: 'call', id, method, input, transport });
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the core to stop (devices, sync, store) and waits for it to exit. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    const core = this.core;
    if (!core) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        core.kill();
        resolve();
      }, timeoutMs);
      core.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      core.post({ kind: 'stop' });
    });
  }

  /** Tells every screen something the front itself noticed (its own faults). */
  broadcast(event: string, payload: unknown): void {
    this.emit(event, payload);
  }

  private emit(event: string, payload: unknown): void {
    for (const l of this.listeners) l(event, payload);
  }

  private launch(): Promise<CoreReady> {
    const core = this.spawn();
    this.core = core;
    const ready = new Promise<CoreReady>((resolve, reject) => {
      let started = false;
      core.onMessage((m) => {
        switch (m.kind) {
          case 'ready':
            started = true;
            this.failedRestarts = 0;
            if (m.ready.clockInjected && this.clockOffsetMs === null) this.clockOffsetMs = Date.parse(m.ready.now) - Date.now();
            resolve(m.ready);
            return;
          case 'start-failed':
            reject(new AppError('INTERNAL', m.message));
            return;
          case 'result': {
            const answer = this.pending.get(m.id);
            this.pending.delete(m.id);
            answer?.(m.envelope);
            return;
          }
          case 'event':
            if (m.event === 'system.clock.changed') this.clockOffsetMs = Date.parse((m.payload as { now: string }).now) - Date.now();
            this.emit(m.event, m.payload);
            return;
          case 'print':
            void this.print(core, m.id, m.request);
            return;
        }
      });
      core.onExit((code, signal) => {
        if (this.core === core) this.core = null;
        if (!started) reject(new AppError('INTERNAL', `工作站后台服务未能启动（退出码 ${code ?? signal}），请查看日志或联系信息科`));
        // Calls the dead core never answered: the clerk retries them.
        for (const [id, answer] of this.pending) {
          this.pending.delete(id);
          answer(CALL_LOST);
        }
        if (this.stopping || !started) return;
        log.error('core process ended unexpectedly; restarting', { code, signal });
        this.restart();
      });
      core.post({ kind: 'init', init: this.initNow() });
    });
    this.ready = ready;
    return ready;
  }

  private restart(): void {
    this.emit('system.fault', { message: CORE_RESTARTED_MESSAGE });
    const attempt = (): void => {
      this.launch().then(
        (ready) => {
          this.opts.onRestart?.(ready);
          // The clerk's session lived in the dead core: let every screen see the new state.
          void this.call('session.state', {}, 'ipc').then((r) => {
            if (r.ok) this.emit('session.changed', r.result);
          });
        },
        (err: unknown) => {
          this.failedRestarts++;
          log.error('core restart failed', { attempt: this.failedRestarts, error: err instanceof Error ? err.message : String(err) });
          if (this.stopping) return;
          if (this.failedRestarts >= MAX_FAILED_RESTARTS) {
            this.down = true;
            this.emit('system.fault', { message: CORE_DOWN_MESSAGE });
            return;
          }
          setTimeout(attempt, 500 * this.failedRestarts).unref();
        },
      );
    };
    attempt();
  }

  /** The init for the next start: an injected clock resumes where it stood. */
  private initNow(): CoreInit {
    if (this.clockOffsetMs === null) return this.init;
    return { ...this.init, clock: { ...this.init.clock, start: new Date(Date.now() + this.clockOffsetMs).toISOString() } };
  }

  private async print(core: CoreProcess, id: number, request: PrintOp): Promise<void> {
    const bridge = this.opts.printBridge;
    try {
      if (!bridge) throw new Error('此工作站没有 Electron 打印');
      const value = request.op === 'listPrinters' ? await bridge.listPrinters() : await bridge.printPdf(request.pdf, request.opts);
      core.post({ kind: 'print-done', id, ok: true, value });
    } catch (err) {
      core.post({ kind: 'print-done', id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
