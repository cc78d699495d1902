/**
 * The renderer's "now" is the workstation's, not the PC's: the Node side owns the clock (it may
 * be injected for training and tests), so the screen learns its offset from system.info and
 * follows system.clock.changed. Dates are then read in Asia/Shanghai (shared/domain/time).
 */
import { api } from '../api/client';
import { fetchSystemInfo } from '../api/queries/session';

let offsetMs = 0;

export function followWorkstationTime(serverIso: string): void {
  const server = Date.parse(serverIso);
  if (!Number.isNaN(server)) offsetMs = server - Date.now();
}

export function workstationNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Called once at start-up; the applicant display and the clerk's window both use it. */
export function startWorkstationClock(): void {
  void fetchSystemInfo().then(
    (info) => {
      followWorkstationTime(info.time);
      // Subscribed only once the host has answered, as the rest of the app does.
      api.on('system.clock.changed', ({ now }) => followWorkstationTime(now));
    },
    () => undefined, // AppRoot shows the connection error; the PC's time stands in meanwhile.
  );
}
