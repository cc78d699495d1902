import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds fonts, catalog data and templates. Packaged builds set
 * ONEWINDOW_RESOURCES (the asar layout differs from the source tree); from source we walk up
 * from this module until a folder with resources/fonts appears, so tests, the CLI and the
 * browser host all find the same files without configuration.
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['ONEWINDOW_RESOURCES'];
  if (configured) return resolve(configured);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'fonts'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('resources/fonts not found above ' + fileURLToPath(import.meta.url) + '; set ONEWINDOW_RESOURCES');
}
