import type { LifecycleHost } from '../lifecycle/fixtures';

/** The window's public phone printed on notices (settings window.phone). */
export const WINDOW_PHONE = '0571-87654321';

type Config = Record<string, unknown> & {
  devices: Record<string, unknown>;
  platform: Record<string, unknown>;
  window: Record<string, unknown>;
};

/** Reads the whole configuration, lets the test change it, saves it as admin. */
export async function updateSettings(t: LifecycleHost, change: (c: Config) => void): Promise<void> {
  const view = await t.ok<Config>('admin', 'settings.get', {});
  const config: Config = { ...view, platform: {} };
  change(config);
  await t.ok('admin', 'settings.update', config);
}
