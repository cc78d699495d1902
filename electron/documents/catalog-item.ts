import type { Db } from '../store/database';

export interface ItemResult {
  type: string;
  name: string;
}

interface StoredItem {
  code: string;
  result?: ItemResult;
  guide?: { legalBasis?: string[]; reconsiderationBody?: string; litigationBody?: string };
}

const byVersion = new Map<string, Map<string, StoredItem>>();

/** One item as the catalog version its case was accepted under describes it (catalog_versions is immutable). */
export function catalogItem(db: Db, version: string, itemCode: string): StoredItem | undefined {
  let items = byVersion.get(version);
  if (!items) {
    const row = db.prepare('SELECT data FROM catalog_versions WHERE version = ?').get(version) as { data: string } | undefined;
    if (!row) return undefined;
    const parsed = JSON.parse(row.data) as { items?: StoredItem[] };
    items = new Map((parsed.items ?? []).map((i) => [i.code, i]));
    byVersion.set(version, items);
  }
  return items.get(itemCode);
}

/** What the item issues (许可证, 批准文件 ...), from its catalog version. */
export function itemResult(db: Db, version: string, itemCode: string): ItemResult | undefined {
  return catalogItem(db, version, itemCode)?.result;
}

interface StoredMaterial {
  code: string;
  form?: string;
  fromForm?: boolean;
}

const materialsByVersion = new Map<string, Map<string, StoredMaterial>>();

/** One material as the case's catalog version describes it (form, whether the one form generates it). */
export function catalogMaterial(db: Db, version: string, code: string): StoredMaterial | undefined {
  let materials = materialsByVersion.get(version);
  if (!materials) {
    const row = db.prepare('SELECT data FROM catalog_versions WHERE version = ?').get(version) as { data: string } | undefined;
    if (!row) return undefined;
    const parsed = JSON.parse(row.data) as { materials?: StoredMaterial[] };
    materials = new Map((parsed.materials ?? []).map((m) => [m.code, m]));
    materialsByVersion.set(version, materials);
  }
  return materials.get(code);
}
