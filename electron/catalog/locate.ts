import { join } from 'node:path';
import { resourcePath } from '../resources';

export const DEFAULT_CATALOG_FILE = 'default.json';

/** resources/catalog: under ONEWINDOW_RESOURCES when set (packaged app), else found upwards. */
export function catalogDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resourcePath('catalog', env);
}

export function defaultCatalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(catalogDirectory(env), DEFAULT_CATALOG_FILE);
}
