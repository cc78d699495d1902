import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/api';

// No Electron binary can run here: electron/main.ts runs against this stand-in module, which
// records what main asks Electron to do.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  handles: new Map<string, (event: unknown, input: unknown) => unknown>(),
  schemes: [] as unknown[],
  protocolHandler: undefined as undefined | ((req: { method: string; url: string }) => Response),
  permissionRequest: undefined as
    undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: Record<string, unknown>) => void),
  permissionCheck: undefined as undefined | ((wc: unknown, permission: string, origin: string) => boolean),
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  /** The core processes main started: real ones (electron/core-main.ts through Node's fork). */
  cores: [] as import('node:child_process').ChildProcess[],
}));

vi.mock('electron', async () => {
  // utilityProcess.fork stands in as Node's fork of the real core entry: the core then talks
  // over process.send instead of process.parentPort, everything else is what Electron runs.
  const { fork } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const coreMain = fileURLToPath(new URL('../../../electron/core-main.ts', import.meta.url));
  const utilityProcess = {
    fork: () => {
      const child = fork(coreMain, [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      recorded.cores.push(child);
      return {
        get pid() {
          return child.pid;
        },
        postMessage: (m: unknown) => child.send(m as never),
        on: (event: string, fn: (...args: unknown[]) => void) => child.on(event, fn),
        once: (event: string, fn: (...args: unknown[]) => void) => child.once(event, fn),
        kill: () => child.kill(),
      };
    },
  };
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() {
      return BrowserWindow.all;
    }
    webContents = { send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options });
      BrowserWindow.all.push(this);
    }
    once() {}
    show() {}
    focus() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      recorded.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      getPath: () => tmpdir(),
      on: (name: string, fn: (...args: unknown[]) => void) => recorded.appListeners.set(name, fn),
      quit: vi.fn(),
    },
    BrowserWindow,
    utilityProcess,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => recorded.handles.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => recorded.schemes.push(...s),
      handle: (_scheme: string, fn: (req: { method: string; url: string }) => Response) => (recorded.protocolHandler = fn),
    },
    screen: {
      getAllDisplays: () => [
        { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } },
        { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } },
      ],
      getPrimaryDisplay: () => ({ id: 1 }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof recorded.permissionRequest) => (recorded.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof recorded.permissionCheck) => (recorded.permissionCheck = fn),
      },
    },
  };
});

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ow-main-'));
  process.env.ONEWINDOW_DATA_DIR = dataDir;
  process.env.ONEWINDOW_LOG = 'silent';
  const main = await import('../../../electron/main');
  await main.started;
});
afterAll(async () => {
  const exited = recorded.cores.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r))));
  recorded.appListeners.get('window-all-closed')?.();
  await Promise.all(exited);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron main', () => {
  it('creates every window isolated, sandboxed and without Node', () => {
    expect(recorded.windows.length).toBe(2);
    for (const w of recorded.windows) {
      const prefs = w.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        allowRunningInsecureContent: false,
      });
      expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    }
    expect(recorded.windows[0]!.url).toBe('app://onewindow/');
    expect(recorded.windows[1]!.url).toBe('app://onewindow/display');
    expect(recorded.windows[1]!.options).toMatchObject({ x: 1366, fullscreen: true });
  });

  it('registers one IPC handler for every contract method', () => {
    const expected = Object.keys(contract)
      .map((m) => `rpc:${m}`)
      .sort();
    expect([...recorded.handles.keys()].sort()).toEqual(expected);
  });

  it('runs the core in its own process and relays calls to it', async () => {
    expect(recorded.cores).toHaveLength(1);
    expect(recorded.cores[0]!.pid).not.toBe(process.pid);
    const own = { senderFrame: { url: 'app://onewindow/', parent: null } };
    await expect(recorded.handles.get('rpc:system.info')!(own, {})).resolves.toMatchObject({ ok: true, result: { dataDir } });
  });

  it('answers only our own top frame, and validates input', async () => {
    const info = recorded.handles.get('rpc:system.info')!;
    const own = { senderFrame: { url: 'app://onewindow/', parent: null } };
    await expect(info(own, {})).resolves.toMatchObject({ ok: true, result: { hostKind: 'electron' } });
    await expect(info({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(info({ senderFrame: { url: 'app://onewindow/', parent: {} } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(recorded.handles.get('rpc:session.login')!(own, { username: 5 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('serves the app protocol for GET only and refuses path traversal', () => {
    const h = recorded.protocolHandler!;
    expect(recorded.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(h({ method: 'POST', url: 'app://onewindow/' }).status).toBe(405);
    expect(h({ method: 'GET', url: 'app://onewindow/..%2f..%2f..%2fetc%2fpasswd' }).status).toBe(403);
    // The URL parser folds dot segments itself: whatever comes back is never /etc/passwd.
    const folded = h({ method: 'GET', url: 'app://onewindow/%2e%2e/%2e%2e/etc/passwd' });
    expect(folded.headers.get('content-type')).toMatch(/text\/html/);
    expect(h({ method: 'GET', url: 'app://other/index.html' }).status).toBe(403);
  });

  it('grants only the camera, only to our origin', () => {
    const decide = (permission: string, details: Record<string, unknown>) => {
      let granted: boolean | undefined;
      recorded.permissionRequest!(null, permission, (ok) => (granted = ok), details);
      return granted;
    };
    expect(decide('media', { requestingUrl: 'app://onewindow/', mediaTypes: ['video'] })).toBe(true);
    expect(decide('media', { requestingUrl: 'app://onewindow/', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(decide('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(decide('geolocation', { requestingUrl: 'app://onewindow/' })).toBe(false);
    expect(decide('notifications', { requestingUrl: 'app://onewindow/' })).toBe(false);
    expect(recorded.permissionCheck!(null, 'media', 'app://onewindow')).toBe(true);
    expect(recorded.permissionCheck!(null, 'clipboard-read', 'app://onewindow')).toBe(false);
  });

  it('denies navigation away and every new window', () => {
    const created = recorded.appListeners.get('web-contents-created')!;
    const listeners = new Map<string, (e: { preventDefault: () => void }, url: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    created(
      {},
      {
        on: (name: string, fn: (e: { preventDefault: () => void }, url: string) => void) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
      },
    );
    const prevented = (name: string, url: string) => {
      let p = false;
      listeners.get(name)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://onewindow/display')).toBe(false);
    expect(prevented('will-attach-webview', '')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});
