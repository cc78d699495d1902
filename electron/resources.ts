import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The resources folder (catalog, calendar, fonts, training cards): ONEWINDOW_RESOURCES when
 * set (packaged app), else the first `resources/` found walking up from this module.
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONEWINDOW_RESOURCES) return resolve(env.ONEWINDOW_RESOURCES);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'catalog')) || existsSync(join(candidate, 'calendar'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('resources folder not found; set ONEWINDOW_RESOURCES');
    dir = parent;
  }
}

export function productVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}
