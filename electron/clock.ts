/**
 * The workstation's clock. Normally the machine's; a host started with `--clock <instant>` (or
 * ONEWINDOW_CLOCK) runs from that instant instead, ticking at real speed, so a training room or
 * an e2e spec can live on 2026-12-28 whatever the machine's date. Only a host started with
 * `--test-clock` (or ONEWINDOW_TEST_CLOCK=1) lets the API set or advance it
 * (system.clock.set/advance); a production host refuses.
 */
import { AppError } from '../shared/api/errors';

export interface WorkstationClock {
  now(): Date;
  /** Whether the time differs from the machine's by design. */
  readonly injected: boolean;
  /** Whether system.clock.set/advance are allowed. */
  readonly testControl: boolean;
  set(at: Date): void;
  advance(ms: number): void;
}

/** Parses an injected instant; it must carry its offset so no PC zone can reinterpret it. */
export function parseClockInstant(text: string): Date {
  const trimmed = text.trim();
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? new Date(trimmed) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    throw new AppError('VALIDATION', `时钟设置“${text}”无效，请写成带时区的时间，例如 2026-12-28T09:00:00+08:00`);
  }
  return at;
}

export function createClock(options: { start?: string | undefined; testControl?: boolean; realNow?: () => number } = {}): WorkstationClock {
  const realNow = options.realNow ?? (() => Date.now());
  let offset = options.start ? parseClockInstant(options.start).getTime() - realNow() : 0;
  let injected = options.start !== undefined;
  const testControl = options.testControl ?? false;
  const requireControl = () => {
    if (!testControl) throw new AppError('FORBIDDEN', '此工作站的时钟不能通过接口修改（仅测试启动的工作站可以）');
  };
  return {
    now: () => new Date(realNow() + offset),
    get injected() {
      return injected;
    },
    testControl,
    set(at) {
      requireControl();
      offset = at.getTime() - realNow();
      injected = true;
    },
    advance(ms) {
      requireControl();
      offset += ms;
      injected = true;
    },
  };
}

/** The clock asked for on the command line or in the environment (`--clock` wins), checked. */
export function clockSettingsFromStartup(
  flag: string | undefined,
  testFlag: boolean,
  env: NodeJS.ProcessEnv = process.env,
): { start?: string; testControl: boolean } {
  const start = flag ?? (env.ONEWINDOW_CLOCK || undefined);
  if (start !== undefined) parseClockInstant(start);
  return { ...(start !== undefined ? { start } : {}), testControl: testFlag || env.ONEWINDOW_TEST_CLOCK === '1' };
}

/** The clock from the command line or the environment (`--clock` wins). */
export function clockFromStartup(flag: string | undefined, testFlag: boolean, env: NodeJS.ProcessEnv = process.env): WorkstationClock {
  return createClock(clockSettingsFromStartup(flag, testFlag, env));
}

/**
 * A clock that follows a given function (tests hand the workstation a `now`); never settable
 * through the API, like a production host's.
 */
export function clockFollowing(now: () => Date): WorkstationClock {
  const refuse = () => {
    throw new AppError('FORBIDDEN', '此工作站的时钟不能通过接口修改（仅测试启动的工作站可以）');
  };
  return { now, injected: true, testControl: false, set: refuse, advance: refuse };
}
