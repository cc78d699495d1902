/**
 * The stage's one set of materials (一套材料): the union of its items' requirements, each
 * material type once, and for each whether the applicant must bring it. A material submitted
 * in an earlier stage or issued as an earlier item's result is linked, never asked for again
 * (国务院令第716号 art. 7).
 */
import { RESIDENT_ID, identityMaterialName } from '../identifiers/certificates';
import { AppError } from '../../api/errors';
import { evaluateCondition, findItem, findMaterial, type Catalog, type CatalogMaterial, type Values } from '../catalog';
import { isStillValid, validUntil } from './validity';

/** A material the project already holds: attached in an earlier stage, in its library, or an issued result. */
export interface MaterialHolding {
  material: string;
  kind: 'stage' | 'library' | 'result';
  /** Blob reference (or the result's document reference): linked, not copied. */
  ref: string;
  stage?: number;
  /** For results: the item that issued it. */
  itemCode?: string;
  issuedOn?: string;
  validUntil?: string;
}

/** An e-licence the platform cache holds for the holder. */
export interface ELicenceHolding {
  material: string;
  licenceId: string;
  holder?: string;
  issuedOn?: string;
  validUntil?: string;
}

export interface ChecklistContext {
  holdings?: readonly MaterialHolding[];
  eLicences?: readonly ELicenceHolding[];
  /** YYYY-MM-DD: what has expired is judged against this day. */
  today: string;
  /** Material codes whose reused copy the clerk rejected (expired, wrong): collect anew. */
  rejected?: readonly string[];
  /** Form values for conditional requirements; without them every conditional material is listed. */
  values?: Values;
}

export type ChecklistStatus = 'reused' | 'e-licence' | 'to-collect' | 'deficiency-allowed' | 'issued-in-stage';

export interface ChecklistSource {
  kind: 'stage' | 'library' | 'result' | 'e-licence';
  ref: string;
  stage?: number;
  validUntil?: string;
}

export interface ChecklistLine {
  code: string;
  name: string;
  neededBy: string[];
  status: ChecklistStatus;
  source?: ChecklistSource;
  form: CatalogMaterial['form'];
  medium: CatalogMaterial['medium'];
  originals: number;
  copies: number;
  /** 必要 for at least one item that needs it. */
  required: boolean;
  /** Every item needing it allows 容缺. */
  deficiencyAllowed: boolean;
  /** Generated from the stage form (申请表, 承诺书): printed for signature, never reused. */
  fromForm: boolean;
  /** The clerk rejected the copy that would have been reused. */
  rejected: boolean;
  /** Situations in which it is needed, from the items' requirements. */
  when: string[];
  /** For 'issued-in-stage': the item of this application that issues it. */
  issuedBy?: string;
}

const RESULT_FIRST: Record<MaterialHolding['kind'], number> = { result: 0, stage: 1, library: 2 };

function bestHolding(material: CatalogMaterial, ctx: ChecklistContext): ChecklistSource | undefined {
  const valid = (ctx.holdings ?? [])
    .filter((h) => h.material === material.code)
    .map((h) => ({ h, until: validUntil(material, h) }))
    .filter(({ until }) => isStillValid(until, ctx.today))
    // An issued result is the authoritative copy; otherwise the most recent submission.
    .sort(
      (a, b) =>
        RESULT_FIRST[a.h.kind] - RESULT_FIRST[b.h.kind] ||
        (b.h.issuedOn ?? '').localeCompare(a.h.issuedOn ?? '') ||
        (b.h.stage ?? 0) - (a.h.stage ?? 0),
    );
  const best = valid[0];
  if (!best) return undefined;
  return {
    kind: best.h.kind,
    ref: best.h.ref,
    ...(best.h.stage !== undefined ? { stage: best.h.stage } : {}),
    ...(best.until !== null ? { validUntil: best.until } : {}),
  };
}

function bestELicence(material: CatalogMaterial, ctx: ChecklistContext): ChecklistSource | undefined {
  if (!material.eLicence) return undefined;
  const found = (ctx.eLicences ?? [])
    .filter((e) => e.material === material.code)
    .map((e) => ({ e, until: validUntil(material, e) }))
    .find(({ until }) => isStillValid(until, ctx.today));
  if (!found) return undefined;
  return { kind: 'e-licence', ref: found.e.licenceId, ...(found.until !== null ? { validUntil: found.until } : {}) };
}

export function stageChecklist(catalog: Catalog, itemCodes: readonly string[], ctx: ChecklistContext): ChecklistLine[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.today)) throw new AppError('VALIDATION', '核对材料有效期需要当天日期（YYYY-MM-DD）');
  for (const code of itemCodes) findItem(catalog, code);
  const chosen = new Set(itemCodes);
  const rejected = new Set(ctx.rejected ?? []);
  type Acc = { material: CatalogMaterial; neededBy: string[]; required: boolean; deficiency: boolean; when: string[] };
  const acc = new Map<string, Acc>();

  // Catalog order keeps the list stable between visits, whatever order items were chosen in.
  for (const item of catalog.items.filter((i) => chosen.has(i.code))) {
    for (const req of item.materials) {
      if (req.neededWhen && ctx.values && !evaluateCondition(req.neededWhen, ctx.values)) continue;
      const material = findMaterial(catalog, req.material);
      if (!material) throw new AppError('VALIDATION', `事项“${item.name}”要求的材料 ${req.material} 不在目录中，请联系信息科修正目录`);
      const line = acc.get(material.code) ?? { material, neededBy: [], required: false, deficiency: true, when: [] };
      line.neededBy.push(item.code);
      line.required ||= (req.necessity ?? material.necessity) === '必要';
      line.deficiency &&= req.deficiencyAllowed ?? material.deficiencyAllowed;
      const when = req.when ?? material.when;
      if (when && !line.when.includes(when)) line.when.push(when);
      acc.set(material.code, line);
    }
  }
  const lines: ChecklistLine[] = [];
  for (const { material, neededBy, required, deficiency, when } of acc.values()) {
    const isRejected = rejected.has(material.code);
    const fromForm = material.fromForm === true;
    const issuerHere = (material.issuedBy ?? []).find((c) => chosen.has(c));
    let status: ChecklistStatus;
    let source: ChecklistSource | undefined;
    const held = isRejected || fromForm ? undefined : bestHolding(material, ctx);
    const eLicence = isRejected || fromForm ? undefined : bestELicence(material, ctx);
    // Precedence: an issued result, then the e-licence (data sharing beats paper), then an earlier submission.
    if (held?.kind === 'result') [status, source] = ['reused', held];
    else if (eLicence) [status, source] = ['e-licence', eLicence];
    else if (held) [status, source] = ['reused', held];
    else if (issuerHere !== undefined) status = 'issued-in-stage';
    else if (deficiency && !fromForm) status = 'deficiency-allowed';
    else status = 'to-collect';
    lines.push({
      code: material.code,
      name: identityMaterialNameFor(material, ctx.values),
      neededBy,
      status,
      ...(source ? { source } : {}),
      form: material.form,
      medium: material.medium,
      originals: material.originals,
      copies: material.copies,
      required,
      deficiencyAllowed: deficiency,
      fromForm,
      rejected: isRejected,
      when,
      ...(issuerHere !== undefined && status === 'issued-in-stage' ? { issuedBy: issuerHere } : {}),
    });
  }
  return lines;
}

/** What this application's results add to the project's holdings for later stages. */
export function resultHoldings(
  catalog: Catalog,
  issued: readonly { itemCode: string; ref: string; stage: number; issuedOn: string; validUntil?: string }[],
): MaterialHolding[] {
  return issued.flatMap((r) => {
    const material = findItem(catalog, r.itemCode).result.material;
    if (material === undefined) return [];
    return [
      {
        material,
        kind: 'result' as const,
        ref: r.ref,
        stage: r.stage,
        itemCode: r.itemCode,
        issuedOn: r.issuedOn,
        ...(r.validUntil ? { validUntil: r.validUntil } : {}),
      },
    ];
  });
}

/**
 * The agent's identity material is named after the certificate shown (经办人港澳居民来往内地通行证),
 * so the receipt lists what was actually handed over. Catalogs name it generically (…身份证明).
 */
function identityMaterialNameFor(material: { code: string; name: string; holder: string }, values: Values | undefined): string {
  if (material.holder !== 'agent' || !material.name.endsWith('身份证明')) return material.name;
  const type = values?.['agent.certType'];
  return identityMaterialName(
    material.name.slice(0, -'身份证明'.length),
    typeof type === 'string' && type.trim() !== '' ? type.trim() : RESIDENT_ID,
  );
}
