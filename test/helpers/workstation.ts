import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host';
import { inProcessLink } from '../../electron/core/core-link';
import { openWorkstation, type Workstation, type WorkstationOptions } from '../../electron/workstation';

export interface TestHost {
  ws: Workstation;
  host: BrowserHost;
  dir: string;
  rpc(
    method: string,
    input: unknown,
    init?: { headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }>;
  close(): Promise<void>;
}

export interface TestHostOptions {
  now?: () => Date;
  /** Test overrides for the composition root (a scanner context, catalog directory…). */
  workstation?: Omit<WorkstationOptions, 'dataDir' | 'hostKind' | 'now'>;
}

/** A real workstation on a temp data directory behind a real browser host on loopback. */
export async function startTestHost(opts: TestHostOptions = {}): Promise<TestHost> {
  process.env.ONEWINDOW_LOG = 'silent';
  const dir = mkdtempSync(join(tmpdir(), 'ow-host-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test shell</title>');
  const ws = openWorkstation({
    ...opts.workstation,
    dataDir: join(dir, 'data'),
    hostKind: 'browser-host',
    ...(opts.now ? { now: opts.now } : {}),
  });
  // In process on purpose: these tests read the store directly. The process split itself is
  // exercised by every test that starts browser-host-main (host-child.ts, e2e).
  const host = await startBrowserHost(inProcessLink(ws), { staticDir });
  return {
    ws,
    host,
    dir,
    async rpc(method, input, init = {}) {
      const res = await fetch(`${host.url}rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...init.headers },
        body: init.rawBody ?? JSON.stringify(input),
      });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } },
      };
    },
    async close() {
      await host.close();
      ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };

export async function setupAdminAndLogin(t: TestHost): Promise<void> {
  await t.rpc('session.setupAdmin', ADMIN);
  const r = await t.rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  if (!r.body.ok) throw new Error('login failed: ' + JSON.stringify(r.body));
}
