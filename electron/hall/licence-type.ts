/**
 * The hall files an issued e-licence under the item's name (建设工程规划许可证核发), but the
 * checklist finds e-licences by the catalog's e-licence material (建设工程规划许可证（含附图）,
 * code engineering-planning-permit): typed by item name, a licence issued at window 12 never
 * fills stage 2's line at window 3. The item's `result.material` in the catalog says which
 * material its result is; that material's name is the licence type the checklist matches
 * (electron/acceptance/checklist-view.ts matches a type by the material's code or name).
 */
import type { Db } from '../store/database';

interface StoredCatalog {
  items?: { code?: string; result?: { material?: string } }[];
  materials?: { code?: string; name?: string; eLicence?: boolean }[];
}

/** The catalog's licence type for the result of `itemCode`, from the newest catalog version naming it; null when none says. */
export function catalogLicenceType(db: Db, itemCode: string): string | null {
  const rows = db.prepare('SELECT data FROM catalog_versions ORDER BY added_at DESC, version DESC').all() as { data: string }[];
  for (const row of rows) {
    let catalog: StoredCatalog;
    try {
      catalog = JSON.parse(row.data) as StoredCatalog;
    } catch {
      continue;
    }
    const materialCode = catalog.items?.find((i) => i.code === itemCode)?.result?.material;
    if (!materialCode) continue;
    const material = catalog.materials?.find((m) => m.code === materialCode);
    if (material?.eLicence && material.name) return material.name;
  }
  return null;
}

/**
 * The licence type to keep for a licence the hall sent: the catalog's, found through the item of
 * the case that issued it (this window's copy of the case, else the library's case list); the
 * hall's own label when the catalog does not make the item's result an e-licence.
 */
export function licenceTypeForHallLicence(
  db: Db,
  licence: { caseId: string | null; licenceType: string | null },
  libraryCases: readonly { caseId: string; itemCode: string | null }[],
): string | null {
  if (licence.caseId) {
    const local = db.prepare('SELECT item_code FROM item_cases WHERE id = ?').get(licence.caseId) as { item_code: string } | undefined;
    const itemCode = local?.item_code || libraryCases.find((c) => c.caseId === licence.caseId)?.itemCode;
    const type = itemCode ? catalogLicenceType(db, itemCode) : null;
    if (type) return type;
  }
  return licence.licenceType;
}
