/** Validity of a held material, on ISO dates (YYYY-MM-DD compare correctly as strings). */
import { daysInMonth } from '../calendar/dates';
import type { CatalogMaterial } from '../catalog';

export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  // 2025-01-31 + 1 month is the end of February, not 3 March.
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day the material may be used, or null when it does not expire. */
export function validUntil(
  material: Pick<CatalogMaterial, 'validityMonths'>,
  held: { validUntil?: string; issuedOn?: string },
): string | null {
  if (held.validUntil) return held.validUntil;
  if (material.validityMonths !== null && held.issuedOn) return addMonths(held.issuedOn, material.validityMonths);
  return null;
}

export function isStillValid(until: string | null, today: string): boolean {
  return until === null || until >= today;
}
