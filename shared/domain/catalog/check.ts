/**
 * Validates a catalog file: the schema first, then the cross-references a schema cannot see.
 * Every problem is reported with its path, so IT fixes an adapted catalog in one pass instead
 * of one error per run: entries are checked one by one, and the cross-reference checks still
 * run over the entries that passed the schema.
 */
import { z } from 'zod';
import {
  APPLICABILITY_KEYS,
  catalogSchema,
  departmentSchema,
  fieldSchema,
  itemSchema,
  materialSchema,
  stageSchema,
  topicSchema,
  type Catalog,
  type TimeLimit,
} from './schema';
import { conditionReferences, type Condition } from './conditions';
import { chineseIssueMessages, formatPath, zodProblems, type CatalogProblem } from './issues';

export type CatalogCheckResult = { ok: true; catalog: Catalog } | { ok: false; errors: CatalogProblem[] };

const COLLECTIONS = {
  departments: departmentSchema,
  stages: stageSchema,
  topics: topicSchema,
  items: itemSchema,
  materials: materialSchema,
  fields: fieldSchema,
} as const;
type CollectionName = keyof typeof COLLECTIONS;

/** The catalog's top level with its lists unchecked: each entry is checked on its own. */
const shellSchema = catalogSchema.extend(
  Object.fromEntries(Object.keys(COLLECTIONS).map((k) => [k, z.array(z.unknown()).min(1)])) as Record<
    CollectionName,
    z.ZodArray<z.ZodUnknown>
  >,
);

/** Entries that passed the schema, with their position in the file. */
type Indexed<T> = { v: T; at: number }[];
export interface CatalogView {
  departments: Indexed<Catalog['departments'][number]>;
  stages: Indexed<Catalog['stages'][number]>;
  topics: Indexed<Catalog['topics'][number]>;
  items: Indexed<Catalog['items'][number]>;
  materials: Indexed<Catalog['materials'][number]>;
  fields: Indexed<Catalog['fields'][number]>;
  /** Codes present in the file even on entries that failed the schema, so one bad entry does not cascade. */
  present: {
    departments: Set<string>;
    stages: Set<number>;
    topics: Set<string>;
    items: Set<string>;
    materials: Set<string>;
    fields: Set<string>;
    usedMaterials: Set<string>;
    stageDepartments: Set<string>;
  };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function presentCodes(raw: Record<string, unknown>): CatalogView['present'] {
  const list = (k: string): Record<string, unknown>[] => (Array.isArray(raw[k]) ? (raw[k] as unknown[]).map(record) : []);
  const strings = (k: string, prop: string) =>
    new Set(
      list(k)
        .map((e) => e[prop])
        .filter((v): v is string => typeof v === 'string'),
    );
  const items = list('items');
  return {
    departments: strings('departments', 'code'),
    stages: new Set(
      list('stages')
        .map((s) => s.no)
        .filter((n): n is number => typeof n === 'number'),
    ),
    topics: strings('topics', 'key'),
    items: strings('items', 'code'),
    materials: strings('materials', 'code'),
    fields: strings('fields', 'key'),
    usedMaterials: new Set(
      items
        .flatMap((i) => (Array.isArray(i.materials) ? i.materials.map((m) => record(m).material) : []))
        .filter((v): v is string => typeof v === 'string'),
    ),
    stageDepartments: new Set(items.map((i) => `${String(i.stage)}/${String(i.department)}`)),
  };
}

export function checkCatalog(raw: unknown): CatalogCheckResult {
  const errors: CatalogProblem[] = [];
  const shell = shellSchema.safeParse(raw, { error: chineseIssueMessages });
  if (!shell.success) {
    for (const issue of shell.error.issues) {
      // Entry problems are reported below, entry by entry, with their own paths.
      const [top, index] = issue.path;
      if (typeof top === 'string' && top in COLLECTIONS && typeof index === 'number') continue;
      errors.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  const obj = record(raw);
  const view = { present: presentCodes(obj) } as CatalogView;
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    const entries = Array.isArray(obj[name]) ? (obj[name] as unknown[]) : [];
    const ok: { v: unknown; at: number }[] = [];
    entries.forEach((entry, at) => {
      const parsed = COLLECTIONS[name].safeParse(entry, { error: chineseIssueMessages });
      if (parsed.success) ok.push({ v: parsed.data, at });
      else for (const issue of parsed.error.issues) errors.push({ path: formatPath([name, at, ...issue.path]), message: issue.message });
    });
    (view as unknown as Record<string, unknown>)[name] = ok;
  }
  errors.push(...semanticProblems(view));
  if (errors.length > 0) return { ok: false, errors };
  const full = catalogSchema.safeParse(raw, { error: chineseIssueMessages });
  if (!full.success) return { ok: false, errors: zodProblems(full.error) };
  return { ok: true, catalog: full.data };
}

function limitText(l: TimeLimit): string {
  return `${l.value}${l.unit}`;
}

function duplicates<T>(list: Indexed<T>, keyOf: (t: T) => string, at: (i: number) => string, what: string, out: CatalogProblem[]): void {
  const seen = new Map<string, number>();
  for (const entry of list) {
    const key = keyOf(entry.v);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, entry.at);
    else out.push({ path: at(entry.at), message: `${what}“${key}”重复（与 ${at(first)} 相同），请改用不同的代码` });
  }
}

/** A fully valid catalog seen as a view, e.g. to re-check one after editing it in code. */
export function viewOf(c: Catalog): CatalogView {
  const idx = <T>(list: readonly T[]): Indexed<T> => list.map((v, at) => ({ v, at }));
  return {
    departments: idx(c.departments),
    stages: idx(c.stages),
    topics: idx(c.topics),
    items: idx(c.items),
    materials: idx(c.materials),
    fields: idx(c.fields),
    present: presentCodes(c as unknown as Record<string, unknown>),
  };
}

export function semanticProblems(c: CatalogView): CatalogProblem[] {
  const out: CatalogProblem[] = [];
  duplicates(
    c.departments,
    (d) => d.code,
    (i) => `departments[${i}].code`,
    '部门代码',
    out,
  );
  duplicates(
    c.stages,
    (s) => String(s.no),
    (i) => `stages[${i}].no`,
    '阶段编号',
    out,
  );
  duplicates(
    c.topics,
    (t) => t.key,
    (i) => `topics[${i}].key`,
    '分组',
    out,
  );
  duplicates(
    c.items,
    (t) => t.code,
    (i) => `items[${i}].code`,
    '事项编码',
    out,
  );
  duplicates(
    c.materials,
    (m) => m.code,
    (i) => `materials[${i}].code`,
    '材料代码',
    out,
  );
  duplicates(
    c.fields,
    (f) => f.key,
    (i) => `fields[${i}].key`,
    '字段',
    out,
  );

  const known = c.present;
  const items = new Map(c.items.map(({ v }) => [v.code, v]));
  const materials = new Map(c.materials.map(({ v }) => [v.code, v]));
  const fields = new Map(c.fields.map(({ v }) => [v.key, v]));

  const checkCondition = (cond: Condition, path: string, self?: string, onlyKeys?: readonly string[]): void => {
    for (const ref of conditionReferences(cond)) {
      if (!known.fields.has(ref.field)) {
        out.push({ path, message: `条件引用了未定义的字段“${ref.field}”，请先在 fields 中定义它或改正键名` });
        continue;
      }
      if (ref.field === self) out.push({ path, message: `条件不能引用字段自身“${ref.field}”` });
      if (onlyKeys && !onlyKeys.includes(ref.field)) {
        out.push({ path, message: `事项适用条件只能引用 ${onlyKeys.join('、')}，不能引用“${ref.field}”` });
      }
      const options = fields.get(ref.field)?.options;
      if (options) {
        for (const v of ref.values) {
          if (!options.includes(String(v))) {
            out.push({ path, message: `条件中的取值“${String(v)}”不在字段“${ref.field}”的选项中（${options.join('、')}）` });
          }
        }
      }
    }
  };

  for (const { v: s, at: i } of c.stages) {
    if (s.leadDepartment === null) continue;
    if (!known.departments.has(s.leadDepartment)) {
      out.push({ path: `stages[${i}].leadDepartment`, message: `牵头部门“${s.leadDepartment}”未在 departments 中定义` });
    } else if (!known.stageDepartments.has(`${s.no}/${s.leadDepartment}`)) {
      out.push({
        path: `stages[${i}].leadDepartment`,
        message: `第${s.no}阶段的牵头部门“${s.leadDepartment}”在本阶段没有任何事项，请核对牵头部门或事项的实施部门`,
      });
    }
  }

  for (const { v: item, at: i } of c.items) {
    const at = `items[${i}]`;
    if (!item.code.startsWith(item.subCode)) {
      out.push({ path: `${at}.code`, message: `业务办理项编码应以子项编码 ${item.subCode} 开头` });
    }
    if (!known.stages.has(item.stage)) out.push({ path: `${at}.stage`, message: `阶段 ${item.stage} 未在 stages 中定义` });
    if (!known.departments.has(item.department)) {
      out.push({ path: `${at}.department`, message: `实施部门“${item.department}”未在 departments 中定义` });
    }
    const { statutoryLimit: legal, promisedLimit: promised } = item;
    if (legal && legal.unit === promised.unit && promised.value > legal.value) {
      out.push({
        path: `${at}.promisedLimit`,
        message: `承诺时限 ${limitText(promised)} 长于法定时限 ${limitText(legal)}，承诺时限不得超过法定时限`,
      });
    }
    if (item.caseType === '即办件' && promised.value > 1) {
      out.push({ path: `${at}.caseType`, message: `即办件的承诺时限应为当场或1个工作日内，现为 ${limitText(promised)}` });
    }
    if (item.fee.charged && !item.fee.amount) out.push({ path: `${at}.fee.amount`, message: '收费事项须写明收费标准' });
    if (item.appliesWhen) checkCondition(item.appliesWhen, `${at}.appliesWhen`, undefined, APPLICABILITY_KEYS);
    duplicates(
      item.materials.map((v, j) => ({ v, at: j })),
      (r) => r.material,
      (j) => `${at}.materials[${j}].material`,
      '材料',
      out,
    );
    item.materials.forEach((req, j) => {
      const path = `${at}.materials[${j}]`;
      if (!known.materials.has(req.material)) {
        out.push({ path: `${path}.material`, message: `材料代码“${req.material}”未在 materials 中定义` });
        return;
      }
      if (req.neededWhen) checkCondition(req.neededWhen, `${path}.neededWhen`);
      const mat = materials.get(req.material);
      for (const issuerCode of mat?.issuedBy ?? []) {
        const issuer = items.get(issuerCode);
        if (issuer && issuer.stage <= 4 && item.stage < issuer.stage) {
          out.push({
            path: `${path}.material`,
            message: `“${mat?.name ?? req.material}”是第${issuer.stage}阶段事项的结果，不能作为更早的第${item.stage}阶段的材料`,
          });
        }
        if (issuerCode === item.code)
          out.push({ path: `${path}.material`, message: `“${mat?.name ?? req.material}”是本事项自己的结果，不能作为本事项的材料` });
      }
    });
    if (item.result.material !== undefined) {
      const mat = materials.get(item.result.material);
      if (!known.materials.has(item.result.material)) {
        out.push({ path: `${at}.result.material`, message: `结果对应的材料代码“${item.result.material}”未在 materials 中定义` });
      } else if (mat && !(mat.issuedBy ?? []).includes(item.code)) {
        out.push({ path: `${at}.result.material`, message: `材料“${mat.name}”的 issuedBy 应包含本事项 ${item.code}，两处须一致` });
      }
    }
    const numberField = item.result.numberField;
    if (numberField !== undefined) {
      const field = fields.get(numberField);
      if (!known.fields.has(numberField)) {
        out.push({ path: `${at}.result.numberField`, message: `结果文号填入的字段“${numberField}”未在 fields 中定义` });
      } else if (field && field.type !== 'text') {
        out.push({ path: `${at}.result.numberField`, message: `结果文号只能填入文字字段，“${field.label}”是 ${field.type} 类型` });
      } else if (field && !field.items.some((code) => (items.get(code)?.stage ?? 0) > item.stage)) {
        out.push({ path: `${at}.result.numberField`, message: `字段“${field.label}”没有后续阶段的事项使用，结果文号无处可填，请核对` });
      }
    }
  }

  for (const { v: m, at: i } of c.materials) {
    const at = `materials[${i}]`;
    (m.issuedBy ?? []).forEach((issuerCode, j) => {
      const issuer = items.get(issuerCode);
      if (!known.items.has(issuerCode)) out.push({ path: `${at}.issuedBy[${j}]`, message: `结果来源事项“${issuerCode}”不在 items 中` });
      else if (issuer && issuer.result.material !== m.code) {
        out.push({ path: `${at}.issuedBy[${j}]`, message: `事项“${issuer.name}”的 result.material 未指向本材料，两处须一致` });
      }
    });
    for (const key of Object.keys(m.eLicenceFields ?? {})) {
      if (!known.fields.has(key))
        out.push({ path: `${at}.eLicenceFields.${key}`, message: `电子证照填入的字段“${key}”未在 fields 中定义` });
    }
    if (m.eLicenceFields !== undefined && !m.eLicence)
      out.push({ path: `${at}.eLicenceFields`, message: '只有可用电子证照的材料（eLicence 为 true）才能填入字段' });
    if (m.form !== '复印件' && m.medium !== '电子' && m.originals < 1) {
      out.push({ path: `${at}.originals`, message: '要求原件的纸质材料，原件份数至少为 1' });
    }
    if (m.form !== '原件' && m.medium !== '电子' && m.copies < 1) {
      out.push({ path: `${at}.copies`, message: '要求复印件的纸质材料，复印件份数至少为 1' });
    }
    if (!known.usedMaterials.has(m.code)) {
      out.push({ path: at, message: `材料“${m.name}”没有任何事项需要，请删除或补到相应事项的 materials 中` });
    }
  }

  for (const { v: f, at: i } of c.fields) {
    const at = `fields[${i}]`;
    if (!known.topics.has(f.topic)) out.push({ path: `${at}.topic`, message: `分组“${f.topic}”未在 topics 中定义` });
    if (f.items.length === 0) out.push({ path: `${at}.items`, message: `字段“${f.label}”没有任何事项使用，请删除或补上使用它的事项` });
    f.items.forEach((code, j) => {
      if (!known.items.has(code)) out.push({ path: `${at}.items[${j}]`, message: `事项编码“${code}”不在 items 中` });
    });
    const choice = f.type === 'select' || f.type === 'multiselect';
    if (choice && (!f.options || f.options.length === 0)) out.push({ path: `${at}.options`, message: '选择类字段须列出 options' });
    if (f.type === 'certificateType' && f.options)
      out.push({ path: `${at}.options`, message: '证件类型字段的选项来自内置证件类型和本厅设置，目录中不应列出 options' });
    else if (!choice && f.options) out.push({ path: `${at}.options`, message: `类型为 ${f.type} 的字段不应有 options` });
    if (f.unit !== undefined && f.type !== 'number') out.push({ path: `${at}.unit`, message: '只有数字字段可以有计量单位' });
    if (f.showWhen) checkCondition(f.showWhen, `${at}.showWhen`, f.key);
    if (f.requiredWhen) checkCondition(f.requiredWhen, `${at}.requiredWhen`, f.key);
    const v = f.validation;
    if (
      v?.notBefore !== undefined &&
      known.fields.has(v.notBefore) &&
      fields.get(v.notBefore) &&
      fields.get(v.notBefore)?.type !== 'date'
    ) {
      out.push({ path: `${at}.validation.notBefore`, message: `“${v.notBefore}”应为日期字段` });
    } else if (v?.notBefore !== undefined && !known.fields.has(v.notBefore)) {
      out.push({ path: `${at}.validation.notBefore`, message: `“${v.notBefore}”未在 fields 中定义` });
    }
    if (v?.pattern !== undefined) {
      try {
        new RegExp(v.pattern);
      } catch {
        out.push({ path: `${at}.validation.pattern`, message: '正则表达式写法有误' });
      }
    }
    if (v?.min !== undefined && v.max !== undefined && v.min > v.max) {
      out.push({ path: `${at}.validation`, message: `最小值 ${v.min} 大于最大值 ${v.max}` });
    }
  }

  return out;
}
