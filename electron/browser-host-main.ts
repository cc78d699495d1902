import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/api/errors';
import { startBrowserHost } from './browser-host';
import { resolveDataDir } from './store/paths';
import { clockSettingsFromStartup } from './clock';
import { CoreSupervisor } from './core/core-supervisor';
import { forkCore } from './core/fork-core';
import { installFaultPolicy } from './process-policy';
import { log } from './log';
import { logDirOf } from './log-files';

// A background error must never end the host: log it, tell the clerk, keep serving.
let faultTarget: CoreSupervisor | null = null;
installFaultPolicy({ processKind: 'browser-host', report: (message) => faultTarget?.broadcast('system.fault', { message }) });

/**
 * `npm start` where no Electron binary exists: the same services behind the loopback browser
 * host, and the UI in Chromium's app mode when a display is present. This process serves HTTP
 * and the event stream only; the core (store, devices, PDF, SM2, sync) runs in a child process
 * (electron/core-main.ts), restarted if it dies, as Electron runs it in a utility process.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      reason: { type: 'string' },
      /** Start the clock at this instant, e.g. 2026-12-28T09:00:00+08:00 (or ONEWINDOW_CLOCK). */
      clock: { type: 'string' },
      /** Let system.clock.set/advance move the clock: e2e and training hosts only. */
      'test-clock': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const dataDir = resolveDataDir(values['data-dir']);
  const port = values.port ? Number(values.port) : Number(process.env.ONEWINDOW_PORT ?? 0);
  const clock = clockSettingsFromStartup(values.clock, values['test-clock']);
  const core = new CoreSupervisor(() => forkCore(), { dataDir, hostKind: 'browser-host', clock, electronPrint: false });
  faultTarget = core;
  // The front logs beside the core: both append whole lines to the same day's file.
  log.toFiles(dataDir);
  const ready = await core.start();
  const staticDir = resolve(process.env.ONEWINDOW_STATIC_DIR ?? join(process.cwd(), 'dist', 'renderer'));
  // Local tools (and the e2e harness) read the token from a file only this user can read.
  const host = await startBrowserHost(core, { port, staticDir, tokenFile: join(dataDir, 'browser-host.token') });
  const PRINTED_LINK_TTL_MS = 10 * 60_000;

  const out = (s: string) => process.stdout.write(s + '\n');
  out(`一窗通 OneWindow — browser host (${values.reason ?? 'no Electron binary found'})`);
  out(`  data directory: ${dataDir}`);
  out(`  log files:      ${logDirOf(dataDir)} (onewindow logs --since 1h)`);
  out(`  mode: ${ready.mode === 'training' ? 'training (培训模式)' : 'production'}`);
  if (ready.clockInjected) out(`  clock: injected, now ${ready.now}${ready.clockTestControl ? ' (tests may set it)' : ''}`);
  out(`  core process: ${core.pid ?? 'unknown'}`);
  log.info('browser host started', { hostKind: 'browser-host', injectedClock: ready.clockInjected });
  out(`  open the workstation: ${host.newLaunchUrl('clerk', PRINTED_LINK_TTL_MS)}`);
  out(`  applicant display:    ${host.newLaunchUrl('display', PRINTED_LINK_TTL_MS)}`);
  out('  (one-time links, valid for 10 minutes; the access token itself never appears in a URL)');

  if (!values['no-open'] && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
    if (chromium) {
      out(`  opening Chromium in app mode (${chromium})`);
      // A one-time code, not the token: Chromium's command line is readable by every user.
      const child = spawn(
        chromium,
        [
          `--app=${host.newLaunchUrl('clerk')}`,
          `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
          '--no-first-run',
          '--disable-background-networking',
        ],
        {
          stdio: 'ignore',
          detached: true,
        },
      );
      child.on('error', () => out('  Chromium could not be started: open the link above in a browser.'));
      child.unref();
    } else {
      out('  no Chromium found: open the link above in a browser.');
    }
  } else {
    out('  no display: open the link above in a browser on this machine.');
  }

  const shutdown = async () => {
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write((err instanceof AppError ? err.message : `启动失败：${err instanceof Error ? err.message : String(err)}`) + '\n');
  process.exit(1);
});
