/**
 * The stage checklist as the window sees it: the pure union-and-reuse rule (shared/domain/
 * materials) fed with what this project holds and what the platform's e-licence cache holds
 * for the builder, each line saying where a linked material comes from.
 */
import type { ChecklistLineView } from '../../shared/api/acceptance';
import type { Catalog, Values } from '../../shared/domain/catalog';
import { eLicenceFieldValues } from '../../shared/domain/forms';
import { stageChecklist, type ChecklistLine, type ELicenceHolding } from '../../shared/domain/materials';
import type { Db } from '../store/database';
import { eLicencesForHolder } from '../sync/feed';
import type { HeldMaterial } from './project-record';

/** The platform names licence types in words (营业执照); the catalog by code. */
function materialForLicenceType(catalog: Catalog, licenceType: string): string | undefined {
  const t = licenceType.trim();
  return catalog.materials.find((m) => m.eLicence && (m.code === t || m.name === t || m.name.startsWith(t)))?.code;
}

export function builderELicences(db: Db, catalog: Catalog, builderUscc: string | undefined): { holding: ELicenceHolding; label: string }[] {
  if (!builderUscc) return [];
  return eLicencesForHolder(db, builderUscc).flatMap((e) => {
    const material = materialForLicenceType(catalog, e.licenceType);
    if (material === undefined) return [];
    return [
      {
        holding: { material, licenceId: e.identifier, holder: e.holderId, ...(e.validUntil ? { validUntil: e.validUntil } : {}) },
        label: `电子证照（${e.licenceType}）`,
      },
    ];
  });
}

/** The builder's e-licences as prefill: the fields their data fills (营业执照 → 法定代表人). */
export function builderELicenceValues(db: Db, catalog: Catalog, builderUscc: string | undefined): Record<string, unknown> {
  if (!builderUscc) return {};
  const held = eLicencesForHolder(db, builderUscc).flatMap((e) => {
    const material = materialForLicenceType(catalog, e.licenceType);
    return material === undefined ? [] : [{ material, data: e.data }];
  });
  return eLicenceFieldValues(catalog, held);
}

export interface ChecklistInputs {
  catalog: Catalog;
  itemCodes: readonly string[];
  held: readonly HeldMaterial[];
  eLicences: readonly { holding: ELicenceHolding; label: string }[];
  today: string;
  rejected: readonly string[];
  values: Values;
}

export interface ComputedChecklist {
  lines: ChecklistLine[];
  views: ChecklistLineView[];
  /** What each reused line links to: the holding it came from. */
  linked: Map<string, HeldMaterial>;
}

export function computeChecklist(inputs: ChecklistInputs): ComputedChecklist {
  const lines = stageChecklist(inputs.catalog, inputs.itemCodes, {
    holdings: inputs.held.map((h) => h.holding),
    eLicences: inputs.eLicences.map((e) => e.holding),
    today: inputs.today,
    rejected: inputs.rejected,
    values: inputs.values,
  });
  const byRef = new Map(inputs.held.map((h) => [h.holding.ref, h]));
  const licenceLabel = new Map(inputs.eLicences.map((e) => [e.holding.licenceId, e.label]));
  const linked = new Map<string, HeldMaterial>();
  const views = lines.map((line): ChecklistLineView => {
    const held = line.source && line.source.kind !== 'e-licence' ? byRef.get(line.source.ref) : undefined;
    if (held && line.status === 'reused') linked.set(line.code, held);
    const from =
      line.status === 'reused'
        ? (held?.label ?? null)
        : line.status === 'e-licence' && line.source
          ? (licenceLabel.get(line.source.ref) ?? '电子证照')
          : line.status === 'issued-in-stage'
            ? '由本阶段事项核发'
            : null;
    return {
      code: line.code,
      name: line.name,
      neededBy: line.neededBy,
      status: line.status,
      ...(line.source ? { source: line.source } : {}),
      from,
      linkedBlobs: held?.blobRefs.length ?? 0,
      form: line.form,
      medium: line.medium,
      originals: line.originals,
      copies: line.copies,
      required: line.required,
      deficiencyAllowed: line.deficiencyAllowed,
      fromForm: line.fromForm,
      rejected: line.rejected,
      when: line.when,
      ...(line.issuedBy !== undefined ? { issuedBy: line.issuedBy } : {}),
    };
  });
  return { lines, views, linked };
}
