import { existsSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/api/errors';

const SUBFOLDER_LABEL: Record<string, string> = {
  calendar: '节假日日历',
  catalog: '事项目录',
  fonts: '字体',
  idcards: '培训样卡',
};

function moduleDirectory(): string | undefined {
  // The esbuild bundle defines import.meta.url from __filename (scripts/build.mjs).
  const url: string | undefined = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : undefined;
}

function findUpwards(start: string, sub: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources', sub);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir || dir === parsePath(dir).root) return undefined;
    dir = parent;
  }
}

/**
 * A folder of resources/ (catalog, calendar, fonts, training cards): under ONEWINDOW_RESOURCES
 * when set (the packaged app points it at its resources), else the first `resources/<sub>`
 * found walking up from this module, then from the working directory — so source (tsx, vitest),
 * the esbuild bundle in dist/ and the CLI all find the same files without configuration.
 */
export function resourcePath(sub: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.ONEWINDOW_RESOURCES;
  if (configured !== undefined && configured !== '') return join(resolve(configured), sub);
  for (const start of [moduleDirectory(), process.cwd()]) {
    const found = start === undefined ? undefined : findUpwards(start, sub);
    if (found) return found;
  }
  const what = SUBFOLDER_LABEL[sub] ?? sub;
  throw new AppError(
    'NOT_FOUND',
    `找不到${what}文件夹 resources/${sub}：请检查安装是否完整，或设置环境变量 ONEWINDOW_RESOURCES 指向资源目录`,
  );
}

/** The resources folder itself. */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  return dirname(resourcePath('calendar', env));
}

export function productVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}
