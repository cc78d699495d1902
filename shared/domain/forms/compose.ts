/**
 * One form per stage (一张表单): the items that apply to this project at this stage, and every
 * field those items need exactly once, grouped by topic. The catalog defines each canonical
 * field once and lists the items needing it, so deduplication is the union over those items.
 */
import { AppError } from '../../api/errors';
import {
  departmentName,
  evaluateCondition,
  findItem,
  findStage,
  isFilled,
  type Catalog,
  type CatalogField,
  type LandSource,
  type ProjectType,
  type TimeLimit,
  type Values,
} from '../catalog';
import { CERTIFICATE_TYPES, isPlausibleCertificateTypeName } from '../identifiers/certificates';

export interface StageFormOptions {
  stage: number;
  projectType?: ProjectType;
  landSource?: LandSource;
  specialWorks?: readonly string[];
  /** Items the clerk adds (e.g. a utility connection); must belong to the stage. */
  addItems?: readonly string[];
  /** Items the clerk drops (the applicant applies for them later or elsewhere). */
  dropItems?: readonly string[];
  /** Certificate types the hall accepts beyond the built-in ones (settings). */
  extraCertificateTypes?: readonly string[];
}

export interface StageFormItem {
  code: string;
  name: string;
  department: string;
  departmentName: string;
  promisedLimit: TimeLimit;
  statutoryLimit: TimeLimit | null;
  /** 'applies' by the project's type, land source and special works; 'added' by the clerk. */
  inclusion: 'applies' | 'added';
}

export interface StageFormField extends CatalogField {
  /** The items of this form that need the field (a subset of the catalog's list). */
  neededBy: string[];
}

export interface StageFormSection {
  topic: string;
  label: string;
  fields: StageFormField[];
}

export interface StageForm {
  catalogVersion: string;
  stage: number;
  stageName: string;
  leadDepartment: string | null;
  items: StageFormItem[];
  /** Items that would apply but the clerk dropped, so the review step can show them. */
  dropped: string[];
  sections: StageFormSection[];
  /** What applicability was decided on; conditions over these keys see them even if no field shows them. */
  context: Record<string, unknown>;
}

export function applicabilityContext(
  options: Pick<StageFormOptions, 'projectType' | 'landSource' | 'specialWorks'>,
): Record<string, unknown> {
  return {
    'project.type': options.projectType,
    'project.landSource': options.landSource,
    'project.specialWorks': [...(options.specialWorks ?? [])],
  };
}

/** Items of the stage that apply without the clerk's intervention. */
export function applicableItems(catalog: Catalog, options: StageFormOptions): string[] {
  const context = applicabilityContext(options);
  return catalog.items
    .filter((i) => i.stage === options.stage && !i.onRequest && (!i.appliesWhen || evaluateCondition(i.appliesWhen, context)))
    .map((i) => i.code);
}

/** The built-in types first, then the hall's own, each once. */
export function certificateTypeOptions(extra: readonly string[] = []): string[] {
  return [...new Set<string>([...CERTIFICATE_TYPES, ...extra.map((t) => t.trim()).filter(isPlausibleCertificateTypeName)])];
}

export function composeStageForm(catalog: Catalog, options: StageFormOptions): StageForm {
  const stage = findStage(catalog, options.stage);
  const applying = applicableItems(catalog, options);
  const drop = new Set(options.dropItems ?? []);
  for (const code of drop) findItem(catalog, code);
  const added: string[] = [];
  for (const code of options.addItems ?? []) {
    const item = findItem(catalog, code);
    if (item.stage !== stage.no) {
      throw new AppError('VALIDATION', `“${item.name}”属于第${item.stage}阶段，不能加入第${stage.no}阶段的申请，请在对应阶段办理`);
    }
    if (!applying.includes(code) && !added.includes(code)) added.push(code);
  }
  const chosen = new Set([...applying, ...added].filter((c) => !drop.has(c)));
  if (chosen.size === 0) throw new AppError('VALIDATION', `第${stage.no}阶段没有可办理的事项，请至少选择一个事项`);

  // Catalog order, not choice order: the form reads the same whichever way the clerk got there.
  const items: StageFormItem[] = catalog.items
    .filter((i) => chosen.has(i.code))
    .map((i) => ({
      code: i.code,
      name: i.name,
      department: i.department,
      departmentName: departmentName(catalog, i.department),
      promisedLimit: i.promisedLimit,
      statutoryLimit: i.statutoryLimit,
      inclusion: added.includes(i.code) ? 'added' : 'applies',
    }));

  const sections: StageFormSection[] = [];
  for (const topic of catalog.topics) {
    const fields: StageFormField[] = [];
    for (const field of catalog.fields) {
      if (field.topic !== topic.key) continue;
      const neededBy = field.items.filter((c) => chosen.has(c));
      if (neededBy.length === 0) continue;
      fields.push(
        field.type === 'certificateType'
          ? { ...field, options: certificateTypeOptions(options.extraCertificateTypes), neededBy }
          : { ...field, neededBy },
      );
    }
    if (fields.length > 0) sections.push({ topic: topic.key, label: topic.label, fields });
  }

  return {
    catalogVersion: catalog.version,
    stage: stage.no,
    stageName: stage.name,
    leadDepartment: stage.leadDepartment,
    items,
    dropped: applying.filter((c) => drop.has(c)),
    sections,
    context: applicabilityContext(options),
  };
}

export function formFields(form: StageForm): StageFormField[] {
  return form.sections.flatMap((s) => s.fields);
}

function withContext(form: StageForm, values: Values): Values {
  const merged: Record<string, unknown> = { ...form.context };
  for (const [k, v] of Object.entries(values)) if (isFilled(v) || !(k in merged)) merged[k] = v;
  return merged;
}

export function isFieldVisible(form: StageForm, field: CatalogField, values: Values): boolean {
  return !field.showWhen || evaluateCondition(field.showWhen, withContext(form, values));
}

export function isFieldRequired(form: StageForm, field: CatalogField, values: Values): boolean {
  if (!isFieldVisible(form, field, values)) return false;
  return field.required || (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, withContext(form, values)));
}

/** The fields to show for the current values: conditional fields appear only when they apply. */
export function visibleFields(form: StageForm, values: Values): StageFormField[] {
  return formFields(form).filter((f) => isFieldVisible(form, f, values));
}

/** Sum over the form's items of the fields each item's own form would ask for. */
export function fieldsAskedItemByItem(form: StageForm): number {
  return formFields(form).reduce((n, f) => n + f.neededBy.length, 0);
}

/** A result an earlier stage issued: its item and the number on the document. */
export interface IssuedResult {
  itemCode: string;
  stage: number;
  documentNumber: string | null;
}

/**
 * Result → field (一次录入): each issued result whose catalog item names a `numberField` fills
 * that field at later stages with its document number, per issuing stage, as a prefill layer.
 */
export function resultFieldValues(catalog: Catalog, issued: readonly IssuedResult[]): { stage: number; values: Record<string, unknown> }[] {
  const byStage = new Map<number, Record<string, unknown>>();
  for (const r of issued) {
    const field = catalog.items.find((i) => i.code === r.itemCode)?.result.numberField;
    if (field === undefined || !isFilled(r.documentNumber)) continue;
    const values = byStage.get(r.stage) ?? {};
    values[field] = r.documentNumber;
    byStage.set(r.stage, values);
  }
  return [...byStage.entries()].map(([stage, values]) => ({ stage, values }));
}

/** An e-licence the platform holds: the catalog material it stands for and its data. */
export interface HeldELicence {
  material: string;
  data: unknown;
}

/** What the e-licence library fills: each material's `eLicenceFields` read from its licence's data. */
export function eLicenceFieldValues(catalog: Catalog, licences: readonly HeldELicence[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const l of licences) {
    const map = catalog.materials.find((m) => m.code === l.material)?.eLicenceFields;
    if (!map || l.data === null || typeof l.data !== 'object') continue;
    const data = l.data as Record<string, unknown>;
    for (const [field, key] of Object.entries(map)) {
      const v = data[key];
      if (typeof v === 'string' && v.trim() !== '' && !(field in out)) out[field] = v.trim();
    }
  }
  return out;
}
