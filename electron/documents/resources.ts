import { resourcesDir as locate } from '../resources';

/** The folder that holds fonts, catalog data and templates (see electron/resources.ts). */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  return locate(env);
}
