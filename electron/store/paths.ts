import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the workstation keeps its data: `--data-dir`, else ONEWINDOW_DATA_DIR, else the user's
 * data directory (XDG on Linux, %APPDATA% on Windows, Application Support on macOS).
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.ONEWINDOW_DATA_DIR) return env.ONEWINDOW_DATA_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'OneWindow');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'OneWindow');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'onewindow');
}
