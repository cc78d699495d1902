import { existsSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/api/errors';

export const DEFAULT_CATALOG_FILE = 'default.json';

function moduleDirectory(): string | undefined {
  // A CommonJS bundle leaves import.meta.url empty; the working directory is the fallback then.
  const url: string | undefined = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : undefined;
}

function findUpwards(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'resources', 'catalog'))) return join(dir, 'resources', 'catalog');
    const parent = dirname(dir);
    if (parent === dir || dir === parsePath(dir).root) return undefined;
    dir = parent;
  }
}

/** resources/catalog: under ONEWINDOW_RESOURCES when set (packaged app), else found upwards from this module. */
export function catalogDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.ONEWINDOW_RESOURCES;
  if (configured !== undefined && configured !== '') return join(resolve(configured), 'catalog');
  for (const start of [moduleDirectory(), process.cwd()]) {
    const found = start === undefined ? undefined : findUpwards(start);
    if (found) return found;
  }
  throw new AppError('NOT_FOUND', '找不到事项目录文件夹 resources/catalog。请检查安装是否完整，或设置环境变量 ONEWINDOW_RESOURCES 指向资源目录');
}

export function defaultCatalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(catalogDirectory(env), DEFAULT_CATALOG_FILE);
}
