import type { Workstation } from '../workstation';

/** Starts the configured device drivers; returns a function that stops them. */
export function startDevices(ws: Workstation): () => void {
  ws.devices.configurationChanged();
  return () => {};
}
