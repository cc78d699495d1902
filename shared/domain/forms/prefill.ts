/**
 * Prefill: nothing already known is typed twice. Every value carries where it came from, so the
 * clerk (and the applicant display) can see what was taken from the project record, a party,
 * the ID card or an earlier stage, and what the clerk changed.
 */
import { isFilled } from '../catalog';
import { cardPersonValues, type CardPersonSource } from '../idcard/card-person';
import { formFields, type StageForm } from './compose';

export type FieldSource = 'project' | 'party' | 'idcard' | `stage:${number}` | `result:${number}` | 'e-licence' | 'clerk' | 'empty';

/** What the ID card reader gives; shared/domain/idcard's IdCard satisfies it. */
export type IdCardPerson = Partial<CardPersonSource> & { name: string; idNumber: string };

export interface PrefillSources {
  /** The project record: `code`, `name`... are under `project.`; dotted keys (`land.use`) are taken as they are; nested objects flatten. */
  project?: Record<string, unknown>;
  /** Parties by role (`builder`, `agent`, `contractor`...), nested as in `{ builder: { contact: { phone } } }`. */
  parties?: Record<string, Record<string, unknown> | undefined>;
  idCard?: IdCardPerson;
  /** Whose person fields the card fills: the agent by default, or e.g. `builder.legalRep`. */
  idCardRole?: string;
  earlierStages?: readonly { stage: number; values: Record<string, unknown> }[];
  /** Document numbers of results earlier stages issued, by the field each fills (see resultFieldValues). */
  issuedResults?: readonly { stage: number; values: Record<string, unknown> }[];
  /** What the platform's e-licence library holds for the builder, by field (see eLicenceFieldValues). */
  eLicences?: Record<string, unknown>;
}

export interface PrefilledValue {
  value: unknown;
  source: FieldSource;
  /** Set when the clerk changed a value: what it was and where it came from. */
  previous?: { value: unknown; source: FieldSource };
}

export type PrefilledForm = Record<string, PrefilledValue>;

function flatten(prefix: string, value: unknown, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix === '' ? k : `${prefix}.${k}`, v, out);
  } else {
    out.set(prefix, value);
  }
}

function projectValues(project: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(project)) flatten(k.includes('.') ? k : `project.${k}`, v, out);
  return out;
}

function idCardValues(card: IdCardPerson, role: string): Map<string, unknown> {
  return cardPersonValues(card, role);
}

export function prefillStageForm(form: StageForm, sources: PrefillSources): PrefilledForm {
  // Order is precedence: the card just read beats stored records, the current project record
  // and party register beat what an earlier stage captured, a later stage beats an earlier one.
  // A number an earlier stage issued is the official record: it beats anything typed before.
  const layers: { source: FieldSource; values: Map<string, unknown> }[] = [];
  if (sources.idCard) layers.push({ source: 'idcard', values: idCardValues(sources.idCard, sources.idCardRole ?? 'agent') });
  const results = [...(sources.issuedResults ?? [])].filter((s) => s.stage !== form.stage).sort((a, b) => b.stage - a.stage);
  for (const r of results) layers.push({ source: `result:${r.stage}`, values: new Map(Object.entries(r.values)) });
  if (sources.parties) {
    const values = new Map<string, unknown>();
    for (const [role, party] of Object.entries(sources.parties)) if (party) flatten(role, party, values);
    layers.push({ source: 'party', values });
  }
  const project = projectValues(sources.project ?? {});
  for (const [k, v] of Object.entries(form.context)) if (!isFilled(project.get(k)) && isFilled(v)) project.set(k, v);
  layers.push({ source: 'project', values: project });
  if (sources.eLicences) layers.push({ source: 'e-licence', values: new Map(Object.entries(sources.eLicences)) });
  const stages = [...(sources.earlierStages ?? [])].filter((s) => s.stage !== form.stage).sort((a, b) => b.stage - a.stage);
  for (const s of stages) layers.push({ source: `stage:${s.stage}`, values: new Map(Object.entries(s.values)) });

  const out: PrefilledForm = {};
  for (const field of formFields(form)) {
    const hit = layers.find((l) => isFilled(l.values.get(field.key)));
    out[field.key] = hit ? { value: hit.values.get(field.key), source: hit.source } : { value: null, source: 'empty' };
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (!isFilled(a) && !isFilled(b)) return true;
  if (a === b) return true;
  // A number field holds 120 from the record but "120" from a text box: the same value.
  const [n, t] = typeof a === 'number' ? [a, b] : [b, a];
  return typeof n === 'number' && typeof t === 'string' && t.trim() !== '' && Number(t) === n;
}

/**
 * The clerk typed a value. Changing a prefilled value records it as the clerk's, remembering the
 * original; typing the original back restores its source, so "changed" means really changed.
 */
export function applyClerkEdit(form: PrefilledForm, key: string, value: unknown): PrefilledForm {
  const current = form[key] ?? { value: null, source: 'empty' as const };
  if (sameValue(current.value, value)) return form;
  const original = current.previous ?? { value: current.value, source: current.source };
  const next: PrefilledValue = sameValue(original.value, value)
    ? { value: original.value, source: original.source }
    : { value, source: 'clerk', previous: original };
  return { ...form, [key]: next };
}

/** Keys whose prefilled value the clerk replaced (not ones the clerk filled from empty). */
export function changedFields(form: PrefilledForm): string[] {
  return Object.entries(form)
    .filter(([, v]) => v.source === 'clerk' && v.previous !== undefined && v.previous.source !== 'empty')
    .map(([k]) => k);
}

export function plainValues(form: PrefilledForm): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.value]));
}
