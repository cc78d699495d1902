/**
 * Reads a catalog file from disk. Every way it can be wrong — missing, unreadable, bad JSON,
 * schema or cross-reference errors — comes back as a list of `{ path, message }`, never a stack.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import { checkCatalog, type Catalog, type CatalogProblem } from '../../shared/domain/catalog';
import { parseJsonText } from './json-text';
import { defaultCatalogPath } from './locate';

export type CatalogLoadResult = { ok: true; file: string; catalog: Catalog } | { ok: false; file: string; errors: CatalogProblem[] };

export function readCatalogFile(file: string): CatalogLoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message =
      code === 'ENOENT'
        ? `找不到目录文件 ${file}，请检查路径`
        : code === 'EISDIR'
          ? `${file} 是文件夹，请指定目录 JSON 文件`
          : `无法读取目录文件 ${file}（${String(code ?? error)}），请检查文件权限`;
    return { ok: false, file, errors: [{ path: '(文件)', message }] };
  }
  return parseCatalogText(text, file);
}

export function parseCatalogText(text: string, file = '(文本)'): CatalogLoadResult {
  const json = parseJsonText(text);
  if (!json.ok) {
    return { ok: false, file, errors: [{ path: `第${json.line}行第${json.column}列`, message: `${json.message}，请修正后重试` }] };
  }
  const checked = checkCatalog(json.value);
  return checked.ok ? { ok: true, file, catalog: checked.catalog } : { ok: false, file, errors: checked.errors };
}

/** The catalog the workstation runs on; a broken file is a VALIDATION error listing every problem. */
export function loadCatalog(file: string = defaultCatalogPath()): Catalog {
  const result = readCatalogFile(file);
  if (result.ok) return result.catalog;
  const missing = result.errors.length === 1 && result.errors[0]?.path === '(文件)';
  throw new AppError(
    missing ? 'NOT_FOUND' : 'VALIDATION',
    missing
      ? (result.errors[0]?.message ?? `无法读取目录文件 ${file}`)
      : `事项目录 ${file} 有 ${result.errors.length} 处错误，请运行 onewindow catalog check 查看并修正`,
    result.errors,
  );
}
