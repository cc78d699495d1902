import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkCatalog, type Catalog } from '../../../shared/domain/catalog';

export const DEFAULT_CATALOG_FILE = fileURLToPath(new URL('../../../resources/catalog/default.json', import.meta.url));
export const BROKEN_CATALOG_FILE = fileURLToPath(new URL('../../fixtures/catalog/broken.json', import.meta.url));

export function rawDefaultCatalog(): Record<string, unknown> {
  return JSON.parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as Record<string, unknown>;
}

export function defaultCatalog(): Catalog {
  const r = checkCatalog(rawDefaultCatalog());
  if (!r.ok) throw new Error(`default catalog invalid: ${JSON.stringify(r.errors)}`);
  return r.catalog;
}

/** Item codes of the default catalog by the names a test reads easily. */
export const ITEM = {
  govApproval: '00017200200101',
  verification: '00017200300101',
  filing: '00017200400101',
  landPre: '00016411100101',
  landPlan: '00016421100101',
  designReview: '00016421300101',
  engPlan: '00016421300301',
  fireDesign: '00017530100101',
  civilDefence: '00018120100201',
  constructionPermit: '00017440100101',
  planVerify: '00016421400101',
  fireAccept: '00017530300101',
  fireFiling: '00017530400101',
  civilDefenceFiling: '00018120200101',
  archives: '00017450100101',
  completionFiling: '00017460100101',
  drainage: '00017480100101',
  water: '00017550100101',
  power: '00017560100101',
} as const;
