import { log } from '../log';
import type { Workstation } from '../workstation';

/** Starts the configured device drivers and follows configuration changes; returns stop. */
export function startDevices(ws: Workstation): () => void {
  const apply = () => {
    ws.idcard.apply(ws.config().devices.idcard).catch((err: unknown) => log.error('idcard start failed', { error: err instanceof Error ? err.message : String(err) }));
    ws.devices.configurationChanged();
  };
  apply();
  const off = ws.bus.subscribe((event) => {
    if (event === 'settings.changed') apply();
  });
  return () => {
    off();
    void ws.idcard.stop();
  };
}
