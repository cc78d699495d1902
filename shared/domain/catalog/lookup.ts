/** Look-ups over a checked catalog; unknown codes are the caller's input error, not a bug. */
import { AppError } from '../../api/errors';
import type { Catalog, CatalogItem, CatalogMaterial, CatalogStage } from './schema';

export function findItem(catalog: Catalog, code: string): CatalogItem {
  const item = catalog.items.find((i) => i.code === code);
  if (!item) throw new AppError('VALIDATION', `事项编码 ${code} 不在目录 ${catalog.version} 中，请刷新事项列表后重选`);
  return item;
}

export function findStage(catalog: Catalog, no: number): CatalogStage {
  const stage = catalog.stages.find((s) => s.no === no);
  if (!stage) throw new AppError('VALIDATION', `目录 ${catalog.version} 没有第${no}阶段，请重新选择阶段`);
  return stage;
}

export function findMaterial(catalog: Catalog, code: string): CatalogMaterial | undefined {
  return catalog.materials.find((m) => m.code === code);
}

export function departmentName(catalog: Catalog, code: string | null): string {
  if (code === null) return '';
  return catalog.departments.find((d) => d.code === code)?.name ?? code;
}
