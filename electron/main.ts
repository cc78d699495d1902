import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  utilityProcess,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
} from 'electron';
import { contract } from '../shared/api';
import { EVENT_CHANNEL, RPC_CHANNEL_PREFIX, type RpcEnvelope } from '../shared/api/bridge';
import { AppError } from '../shared/api/errors';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, serveAppRequest } from './app-protocol';
import { clockSettingsFromStartup } from './clock';
import type { CoreLink } from './core/core-link';
import { CoreSupervisor, type CoreProcess } from './core/core-supervisor';
import type { CoreToFront } from './core/protocol';
import { createElectronPrintBridge } from './electron-print';
import { log } from './log';
import { installFaultPolicy } from './process-policy';
import { resolveDataDir } from './store/paths';

/**
 * Every window is created here, with exactly these settings: no Node in pages, isolated and
 * sandboxed. One literal on purpose, so static checkers (electronegativity) can read it.
 */
export function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preload: string): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

/** A call must come from one of our windows' top frames showing our own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** Every contract method as an IPC channel, relayed to the core once the sender is trusted. */
export function registerIpc(core: CoreLink): void {
  for (const name of Object.keys(contract)) {
    ipcMain.handle(RPC_CHANNEL_PREFIX + name, async (event, input: unknown): Promise<RpcEnvelope> => {
      if (!isTrustedSender(event)) return { ok: false, error: new AppError('FORBIDDEN', '拒绝来自非本程序页面的调用').toBody() };
      return core.call(name, input, 'ipc');
    });
  }
}

/**
 * The core (store, devices, PDF, SM2, sync) in Electron's utility process, so a slow fsync or a
 * big render never stalls a window. Messages travel over the utility process's MessagePort
 * (postMessage here, process.parentPort in electron/core-main.ts).
 */
function spawnUtilityCore(): CoreProcess {
  const child = utilityProcess.fork(join(__dirname, 'core.cjs'), [], { serviceName: 'OneWindow core', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (m) => listener(m as CoreToFront)),
    onExit: (listener) => child.once('exit', (code) => listener(code, null)),
    kill: () => void child.kill(),
  };
}

export function hardenSessions(): void {
  const ses = session.defaultSession;
  // The document camera is the only permission the app ever needs, and only on its own pages.
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const videoOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true;
    callback(videoOnly && isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permission === 'media' && requestingOrigin === APP_ORIGIN);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function createWindows(): { main: BrowserWindow; display?: BrowserWindow } {
  const main = createSecureWindow(
    { width: 1366, height: 800, minWidth: 1024, minHeight: 640, title: '一窗通', show: false, autoHideMenuBar: true },
    preloadPath,
  );
  main.once('ready-to-show', () => main.show());
  void main.loadURL(`${APP_ORIGIN}/`);

  // The applicant display goes full-screen on a second monitor when one is attached.
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const second = displays.find((d) => d.id !== primary.id);
  if (!second) return { main };
  const display = createSecureWindow(
    {
      x: second.bounds.x,
      y: second.bounds.y,
      width: second.bounds.width,
      height: second.bounds.height,
      fullscreen: true,
      frame: false,
      title: '一窗通 · 评价屏',
    },
    preloadPath,
  );
  void display.loadURL(`${APP_ORIGIN}/display`);
  return { main, display };
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    log.warn('another instance is running');
    app.quit();
    return;
  }
  await app.whenReady();
  // Packaged: catalog, calendar, fonts and training cards sit in the installer's resources.
  if (app.isPackaged) process.env.ONEWINDOW_RESOURCES ??= join(process.resourcesPath, 'resources');
  const dataDirFlag = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const dataDir = resolveDataDir(dataDirFlag ?? process.env.ONEWINDOW_DATA_DIR ?? join(app.getPath('userData'), 'data'));
  // A packaged Windows workstation has no terminal: its log lines go to files in the data directory.
  log.toFiles(dataDir);
  const core = new CoreSupervisor(
    spawnUtilityCore,
    { dataDir, hostKind: 'electron', clock: clockSettingsFromStartup(undefined, false), electronPrint: true },
    { printBridge: createElectronPrintBridge() },
  );
  try {
    await core.start();
  } catch (err) {
    // The store could not open (another instance, a damaged file): the core's message is for the clerk.
    dialog.showErrorBox('一窗通无法启动', err instanceof Error ? err.message : String(err));
    app.quit();
    return;
  }
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
  hardenSessions();
  registerIpc(core);
  // A background error must never end the workstation: log, tell the clerk, keep serving.
  installFaultPolicy({ processKind: 'electron-main', report: (message) => core.broadcast('system.fault', { message }) });
  core.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  createWindows();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => {
    void core.stop().finally(() => app.quit());
  });
}

export const started = start().catch((err: unknown) => {
  log.error('electron start failed', { error: err instanceof Error ? err.message : String(err) });
  app.quit();
});
