/**
 * The hall files an issued e-licence under the item's name (建设工程规划许可证核发), but the
 * checklist finds e-licences by the catalog's e-licence material (建设工程规划许可证（含附图）,
 * code engineering-planning-permit): typed by item name, a licence issued at window 12 never
 * fills stage 2's line at window 3. The item's `result.material` in the catalog says which
 * material its result is; that material's name is the licence type the checklist matches
 * (electron/acceptance/checklist-view.ts matches a type by the material's code or name).
 */
import type { CatalogShelf } from '../catalog';
import type { Db } from '../store/database';

/** The catalog's licence type for the result of `itemCode`, from the newest catalog version naming it; null when none says. */
export function catalogLicenceType(shelf: CatalogShelf, itemCode: string): string | null {
  for (const version of shelf.versions().reverse()) {
    const catalog = shelf.get(version);
    const materialCode = catalog.items.find((i) => i.code === itemCode)?.result.material;
    if (!materialCode) continue;
    const material = catalog.materials.find((m) => m.code === materialCode);
    if (material?.eLicence) return material.name;
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
  shelf: CatalogShelf,
  licence: { caseId: string | null; licenceType: string | null },
  libraryCases: readonly { caseId: string; itemCode: string | null }[],
): string | null {
  if (licence.caseId) {
    const local = db.prepare('SELECT item_code FROM item_cases WHERE id = ?').get(licence.caseId) as { item_code: string } | undefined;
    const itemCode = local?.item_code || libraryCases.find((c) => c.caseId === licence.caseId)?.itemCode;
    const type = itemCode ? catalogLicenceType(shelf, itemCode) : null;
    if (type) return type;
  }
  return licence.licenceType;
}
