import { sweepDeficiencies } from '../cases/deficiency-sweep';
import { scanRunnerFor } from '../capture';
import { log } from '../log';
import { watchIntegrity } from '../store/integrity-watch';
import type { Workstation } from '../workstation';

/** Starts the configured device drivers and the sync relay, following configuration changes; returns stop. */
export function startDevices(ws: Workstation): () => Promise<void> {
  const apply = () => {
    ws.idcard.apply(ws.config().devices.idcard).catch((err: unknown) => log.error('idcard start failed', { error: err instanceof Error ? err.message : String(err) }));
    ws.sync.apply(ws.config()).catch((err: unknown) => log.error('sync start failed', { error: err instanceof Error ? err.message : String(err) }));
    ws.devices.configurationChanged();
  };
  apply();
  // 容缺 cases past their supplement deadline are suspended, then returned after the grace
  // period: check at start and every hour (the rule works on dates, so hourly is plenty).
  const sweep = () => {
    try {
      sweepDeficiencies(ws);
    } catch (err) {
      log.error('deficiency sweep failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  sweep();
  const timer = setInterval(sweep, 60 * 60_000);
  timer.unref();
  // ONEWINDOW_INTEGRITY_INTERVAL_MS: IT (and tests) may check more often than every 6 hours.
  const stopIntegrity = watchIntegrity(ws, Number(process.env.ONEWINDOW_INTEGRITY_INTERVAL_MS) || undefined);
  const off = ws.bus.subscribe((event) => {
    if (event === 'settings.changed') apply();
  });
  return async () => {
    off();
    stopIntegrity();
    clearInterval(timer);
    scanRunnerFor(ws).stopAll();
    await ws.idcard.stop();
    await ws.sync.stop();
  };
}
