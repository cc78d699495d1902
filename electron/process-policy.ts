/**
 * What a Node process of the workstation does with an error nobody caught: log it (scrubbed, one
 * line), tell the clerk once in a while, and keep serving. Node's default — exit with code 1 on
 * an unhandled rejection — took the whole window down for one noisy card reader; the store is
 * the truth and every command runs in its own transaction, so continuing is safe, while dying
 * loses the clerk's open form. Fatal start-up errors are not routed here: entries handle those.
 */
import { log } from './log';

export interface FaultPolicyOptions {
  /** Tells the clerk (an event on the bus); called at most once per `reportIntervalMs`. */
  report?: (message: string) => void;
  reportIntervalMs?: number;
  now?: () => number;
  /** Where the process is, for the log line: 'browser-host', 'electron-main', 'cli'. */
  processKind: string;
}

export const FAULT_MESSAGE = '工作站后台出现一次意外错误，已自动处理，可以继续办理；如反复出现，请联系信息科并告知发生时间';

/** Installs the policy; returns a function that removes it (tests install and remove it). */
export function installFaultPolicy(opts: FaultPolicyOptions): () => void {
  const interval = opts.reportIntervalMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let lastReport = -Infinity;
  let suppressed = 0;

  const handle = (kind: 'unhandled-rejection' | 'uncaught-exception', reason: unknown): void => {
    const err = reason instanceof Error ? reason : new Error(String(reason));
    // The first stack frame tells IT where without spilling a whole trace into the clerk's log.
    const where = err.stack
      ?.split('\n')
      .find((l) => l.trim().startsWith('at '))
      ?.trim();
    try {
      log.error(`${kind}: kept running`, {
        process: opts.processKind,
        name: err.name,
        error: log.scrub(err.message),
        ...(where ? { where } : {}),
      });
    } catch {
      // A broken stderr must not turn into a second fault.
    }
    const t = now();
    if (t - lastReport < interval) {
      suppressed++;
      return;
    }
    lastReport = t;
    if (suppressed > 0) log.warn('fault reports suppressed', { process: opts.processKind, count: suppressed });
    suppressed = 0;
    try {
      opts.report?.(FAULT_MESSAGE);
    } catch {
      // Reporting is best effort.
    }
  };
  const onRejection = (reason: unknown): void => handle('unhandled-rejection', reason);
  const onException = (err: Error): void => handle('uncaught-exception', err);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
