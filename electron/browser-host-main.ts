import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/api/errors';
import { startBrowserHost } from './browser-host';
import { resolveDataDir } from './store/paths';
import { openWorkstation } from './workstation';
import { startDevices } from './devices/start-devices';
import { installFaultPolicy } from './process-policy';
import type { Workstation } from './workstation';

// A device or background error must never end the host: log it, tell the clerk, keep serving.
let faultTarget: Workstation | null = null;
installFaultPolicy({ processKind: 'browser-host', report: (message) => faultTarget?.bus.emit('system.fault', { message }) });

/**
 * `npm start` where no Electron binary exists: the same services behind the loopback browser
 * host, and the UI in Chromium's app mode when a display is present.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      reason: { type: 'string' },
    },
    allowPositionals: false,
  });
  const dataDir = resolveDataDir(values['data-dir']);
  const port = values.port ? Number(values.port) : Number(process.env.ONEWINDOW_PORT ?? 0);
  const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
  faultTarget = ws;
  const stopDevices = startDevices(ws);
  const staticDir = resolve(process.env.ONEWINDOW_STATIC_DIR ?? join(process.cwd(), 'dist', 'renderer'));
  const host = await startBrowserHost(ws, { port, staticDir });

  const out = (s: string) => process.stdout.write(s + '\n');
  out(`一窗通 OneWindow — browser host (${values.reason ?? 'no Electron binary found'})`);
  out(`  data directory: ${dataDir}`);
  out(`  mode: ${ws.config().mode === 'training' ? 'training (培训模式)' : 'production'}`);
  out(`  open the workstation: ${host.launchUrl}`);
  out(`  applicant display:    ${host.displayUrl}`);
  out('  (the link carries this start\'s access token; it changes at every start)');

  if (!values['no-open'] && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
    if (chromium) {
      out(`  opening Chromium in app mode (${chromium})`);
      const child = spawn(chromium, [`--app=${host.launchUrl}`, `--user-data-dir=${join(dataDir, 'chromium-profile')}`, '--no-first-run', '--disable-background-networking'], {
        stdio: 'ignore',
        detached: true,
      });
      child.on('error', () => out('  Chromium could not be started: open the link above in a browser.'));
      child.unref();
    } else {
      out('  no Chromium found: open the link above in a browser.');
    }
  } else {
    out('  no display: open the link above in a browser on this machine.');
  }

  const shutdown = async () => {
    await stopDevices();
    await host.close();
    ws.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write((err instanceof AppError ? err.message : `启动失败：${err instanceof Error ? err.message : String(err)}`) + '\n');
  process.exit(1);
});
