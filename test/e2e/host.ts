import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintLaunchCode } from '../../electron/launch-code';

export interface RunningHost {
  /** Each read mints a fresh one-time link (the host never puts its token in a URL). */
  readonly launchUrl: string;
  readonly displayUrl: string;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** The instant the host's injected clock started at. */
  clockStart: string;
  /** The core process the host started (it prints the pid at start). */
  corePid: number;
  /** Moves the host's injected clock (system.clock.set); every screen follows. */
  setClock(at: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every spec runs on an injected clock, never on the machine's date: an ordinary Monday in
 * March 2026 unless the spec asks for another (`ONEWINDOW_CLOCK` in `env`). The clock ticks at
 * real speed from there; setClock moves it.
 */
export const DEFAULT_E2E_CLOCK = '2026-03-02T09:00:00+08:00';

const root = join(import.meta.dirname, '..', '..');

/**
 * Starts the built browser host (dist/) on a fresh data directory, as `npm start` would.
 * `seed` fills the directory first (a fixture written with the core's own code, on the spec's clock).
 */
export async function startHost(
  env: Record<string, string> = {},
  seed?: (dataDir: string, clockStart: Date) => void,
): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-e2e-'));
  const clockStart = env.ONEWINDOW_CLOCK ?? DEFAULT_E2E_CLOCK;
  seed?.(dataDir, new Date(clockStart));
  const args = [join(root, 'dist/electron/browser-host.cjs'), '--data-dir', dataDir, '--no-open', '--reason', 'e2e', '--test-clock'];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ONEWINDOW_STATIC_DIR: join(root, 'dist/renderer'),
      ONEWINDOW_RESOURCES: join(root, 'resources'),
      ONEWINDOW_LOG: 'silent',
      ...env,
      ONEWINDOW_CLOCK: clockStart,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /open the workstation: (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`browser host exited ${code}:\n${output}`)));
  });
  const url = new URL(launchUrl);
  // The token is in a file only this user can read; links are minted from it like the host does.
  const token = readFileSync(join(dataDir, 'browser-host.token'), 'utf8');
  return {
    get launchUrl() {
      return `${url.origin}/?c=${mintLaunchCode(token, 'clerk', Date.now())}`;
    },
    get displayUrl() {
      return `${url.origin}/display?c=${mintLaunchCode(token, 'display', Date.now())}`;
    },
    baseUrl: url.origin,
    token,
    dataDir,
    clockStart,
    corePid: Number(/core process: (\d+)/.exec(output)?.[1] ?? NaN),
    async setClock(at: string) {
      const res = await fetch(`${url.origin}/rpc/system.clock.set`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ at }),
      });
      const body = (await res.json()) as { ok: boolean; error?: { message: string } };
      if (!body.ok) throw new Error(`system.clock.set failed: ${body.error?.message ?? res.status}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
