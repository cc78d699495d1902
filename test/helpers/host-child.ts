/**
 * The browser host as the product runs it: `browser-host-main.ts` in a child process of its own,
 * so a crash is a real exit code and a refusal is a real message on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export interface HostChild {
  child: ChildProcess;
  url: string;
  token: string;
  /** Everything the host wrote to stderr so far (its log). */
  stderr(): string;
  /** The pid of the core process the host started (printed at start). */
  corePid(): number;
  rpc(
    method: string,
    input: unknown,
  ): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }>;
  /** Resolves with the first event of that name whose payload matches. */
  nextEvent(name: string, predicate?: (payload: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  stop(): Promise<void>;
}

export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function spawnHost(dataDir: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const staticDir = mkdtempSync(join(tmpdir(), 'ow-static-'));
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test shell</title>');
  return spawn(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'electron/browser-host-main.ts'), '--data-dir', dataDir, '--no-open', '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, ONEWINDOW_LOG: '', ONEWINDOW_STATIC_DIR: staticDir, DISPLAY: '', WAYLAND_DISPLAY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Runs the host and waits for it to exit (for starts that must be refused). */
export function runHostToExit(dataDir: string, timeoutMs = 60_000): Promise<HostExit> {
  const child = spawnHost(dataDir);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not exit within ${timeoutMs} ms; stdout: ${stdout}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export async function startHostChild(dataDir: string, opts: { env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {}): Promise<HostChild> {
  const child = spawnHost(dataDir, opts.env);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const launch = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stdout} ${stderr}`)), opts.startTimeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} during start: ${stderr}`));
    });
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /open the workstation: (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const parsed = new URL(launch);
  // The host never puts its token in a URL: it is in a file only this user can read.
  const token = readFileSync(join(dataDir, 'browser-host.token'), 'utf8');
  const url = `${parsed.origin}/`;
  const auth = { Authorization: `Bearer ${token}` };

  // One event stream for the host's life; waiters look at what arrives after they ask.
  const waiters = new Set<{ name: string; predicate: (p: unknown) => boolean; resolve(p: unknown): void }>();
  const controller = new AbortController();
  void (async () => {
    try {
      const res = await fetch(`${url}events`, { headers: auth, signal: controller.signal });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!name || data === undefined) continue;
          const payload: unknown = JSON.parse(data);
          for (const w of [...waiters])
            if (w.name === name && w.predicate(payload)) {
              waiters.delete(w);
              w.resolve(payload);
            }
        }
      }
    } catch {
      // The stream ends when the host stops.
    }
  })();

  return {
    child,
    url,
    token,
    stderr: () => stderr,
    corePid: () => Number(/core process: (\d+)/.exec(stdout)?.[1] ?? NaN),
    async rpc(method, input) {
      const res = await fetch(`${url}rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify(input),
      });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } },
      };
    },
    nextEvent(name, predicate = () => true, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          name,
          predicate,
          resolve: (p: unknown) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no '${name}' event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      controller.abort();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
