import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalog, type CatalogProblem } from '../../../shared/domain/catalog';
import { BROKEN_CATALOG_FILE, ITEM, defaultCatalog, rawDefaultCatalog } from './default-catalog';

type Raw = Record<string, unknown> & {
  items: Record<string, unknown>[];
  materials: Record<string, unknown>[];
  fields: Record<string, unknown>[];
  stages: Record<string, unknown>[];
};

function mutated(change: (raw: Raw) => void): CatalogProblem[] {
  const raw = rawDefaultCatalog() as Raw;
  change(raw);
  const r = checkCatalog(raw);
  if (r.ok) throw new Error('expected the mutated catalog to fail');
  return r.errors;
}

const indexOf = (raw: Raw, code: string): number => raw.items.findIndex((i) => i.code === code);

describe('the default catalog', () => {
  const catalog = defaultCatalog();

  it('is a versioned template covering the four stages and 并行推进', () => {
    expect(catalog.version).toBe('2026.1');
    expect(catalog.template).toBe(true);
    expect(catalog.note).toMatch(/模板/);
    expect(catalog.stages.map((s) => s.no)).toEqual([1, 2, 3, 4, 5]);
    expect(catalog.stages.map((s) => s.name)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收', '并行推进']);
  });

  it('holds at least 12 principal items with departments, limits and service guides', () => {
    expect(catalog.items.length).toBeGreaterThanOrEqual(12);
    for (const stage of [1, 2, 3, 4]) expect(catalog.items.filter((i) => i.stage === stage).length).toBeGreaterThanOrEqual(2);
    const engPlan = catalog.items.find((i) => i.code === ITEM.engPlan);
    expect(engPlan).toMatchObject({
      name: '建设工程规划许可证核发',
      mainCode: '00016421300Y',
      subCode: '000164213003',
      statutoryLimit: { value: 20, unit: '工作日' },
      promisedLimit: { value: 5, unit: '工作日' },
      fee: { charged: false, basis: '不收费' },
    });
    expect(engPlan?.guide.legalBasis.join()).toMatch(/城乡规划法/);
    const departments = new Set(catalog.items.map((i) => i.department));
    for (const d of ['fgw', 'zrzy', 'zjj', 'rfb', 'cjdag']) expect(departments).toContain(d);
  });

  it('carries the reuse matrix: results of earlier items are materials of later ones', () => {
    const neededIn = (material: string) =>
      new Set(catalog.items.filter((i) => i.materials.some((m) => m.material === material)).map((i) => i.stage));
    expect(catalog.materials.find((m) => m.code === 'business-licence')).toMatchObject({ eLicence: true, channel: '数据共享' });
    expect(catalog.materials.find((m) => m.code === 'land-use-planning-permit')?.issuedBy).toEqual([ITEM.landPlan]);
    expect(neededIn('land-use-planning-permit')).toContain(2);
    expect(catalog.materials.find((m) => m.code === 'engineering-planning-permit')?.issuedBy).toEqual([ITEM.engPlan]);
    expect([...neededIn('engineering-planning-permit')]).toEqual(expect.arrayContaining([3, 4]));
    expect([...neededIn('land-title')]).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(catalog.materials.find((m) => m.code === 'construction-organisation-design')?.deficiencyAllowed).toBe(true);
  });
});

describe('checkCatalog on the broken fixture', () => {
  const r = checkCatalog(JSON.parse(readFileSync(BROKEN_CATALOG_FILE, 'utf8')));
  const errors = r.ok ? [] : r.errors;
  const at = (path: string) =>
    errors
      .filter((e) => e.path === path)
      .map((e) => e.message)
      .join(' | ');

  it('reports every deliberate mistake with its path, schema and semantic together', () => {
    expect(r.ok).toBe(false);
    expect(at('version')).toMatch(/2026\.1/);
    expect(at('items[1].department')).toMatch(/未填写实施部门/);
    expect(at('materials[2].form')).toMatch(/原件/);
    expect(at('items[2].code')).toMatch(/重复/);
    expect(at('stages[1].leadDepartment')).toMatch(/没有任何事项/);
    expect(at('items[0].promisedLimit')).toMatch(/长于法定时限/);
    expect(at('items[0].materials[1].material')).toMatch(/site-photo.*未在 materials 中定义/);
    expect(at('materials[1].issuedBy[0]')).toMatch(/不在 items 中/);
    expect(at('fields[1].items')).toMatch(/没有任何事项使用/);
    expect(at('fields[2].showWhen')).toMatch(/project\.colour/);
    expect(errors).toHaveLength(11);
  });

  it('does not cascade: a material whose entry failed the schema is still known to items', () => {
    expect(errors.some((e) => /topographic-map.*未在 materials/.test(e.message))).toBe(false);
  });
});

describe('checkCatalog semantic rules', () => {
  it('refuses a condition naming an unknown field or an option that does not exist', () => {
    const errors = mutated((raw) => {
      raw.items[indexOf(raw, ITEM.filing)]!.appliesWhen = { field: 'project.kind', equals: '备案' };
      raw.items[indexOf(raw, ITEM.verification)]!.appliesWhen = { field: 'project.type', equals: '审批' };
    });
    expect(errors.map((e) => e.path)).toEqual(['items[1].appliesWhen', 'items[2].appliesWhen']);
    expect(errors[1]?.message).toMatch(/project\.kind/);
    expect(errors[0]?.message).toMatch(/“审批”不在字段/);
  });

  it('limits item applicability to what is known when the project is chosen', () => {
    const errors = mutated((raw) => {
      raw.items[indexOf(raw, ITEM.water)]!.appliesWhen = { field: 'builder.name', filled: true };
    });
    expect(errors[0]?.message).toMatch(/事项适用条件只能引用/);
  });

  it('refuses a result required before the stage that issues it', () => {
    const errors = mutated((raw) => {
      (raw.items[indexOf(raw, ITEM.landPlan)]!.materials as unknown[]).push({ material: 'construction-permit' });
    });
    expect(errors).toEqual([{ path: 'items[4].materials[11].material', message: expect.stringMatching(/第3阶段事项的结果/) }]);
  });

  it('maps each licence an earlier stage issues to the field that asks for its number later', () => {
    const catalog = defaultCatalog();
    const numberField = (code: string) => catalog.items.find((i) => i.code === code)?.result.numberField;
    expect(numberField(ITEM.landPlan)).toBe('land.planningPermitNo');
    expect(numberField(ITEM.engPlan)).toBe('planning.engineeringPermitNo');
    expect(numberField(ITEM.constructionPermit)).toBe('construction.permitNo');
  });

  it('refuses a result number mapped to an unknown, non-text or never-later-asked field', () => {
    const errors = mutated((raw) => {
      const result = (i: string) => raw.items[indexOf(raw, i)]!.result as Record<string, unknown>;
      result(ITEM.landPlan).numberField = 'land.nowhere';
      result(ITEM.engPlan).numberField = 'project.totalInvestment';
      result(ITEM.constructionPermit).numberField = 'construction.drawingReviewNo';
    });
    expect(errors.map((e) => e.path)).toEqual([
      `items[${4}].result.numberField`,
      expect.stringMatching(/^items\[\d+\]\.result\.numberField$/),
      expect.stringMatching(/^items\[\d+\]\.result\.numberField$/),
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/“land.nowhere”未在 fields 中定义/),
      expect.stringMatching(/只能填入文字字段/),
      expect.stringMatching(/没有后续阶段的事项使用/),
    ]);
  });

  it('refuses e-licence fields naming an unknown field', () => {
    const errors = mutated((raw) => {
      const licence = raw.materials.find((m) => m.code === 'business-licence')!;
      licence.eLicenceFields = { 'builder.nowhere': 'name' };
    });
    expect(errors).toEqual([
      { path: expect.stringMatching(/eLicenceFields\.builder\.nowhere$/), message: expect.stringMatching(/未在 fields 中定义/) },
    ]);
  });

  it('compares promised and statutory limits only in the same unit', () => {
    const raw = rawDefaultCatalog() as Raw;
    raw.items[indexOf(raw, ITEM.engPlan)]!.promisedLimit = { value: 25, unit: '自然日' };
    expect(checkCatalog(raw).ok).toBe(true);
    const errors = mutated((r) => {
      r.items[indexOf(r, ITEM.engPlan)]!.promisedLimit = { value: 21, unit: '工作日' };
    });
    expect(errors[0]).toMatchObject({ path: `items[${indexOf(raw, ITEM.engPlan)}].promisedLimit` });
  });

  it('finds a duplicate field key, a select without options and an unknown topic', () => {
    const errors = mutated((raw) => {
      raw.fields.push({ ...raw.fields[0], label: '项目代码（重复）' });
      raw.fields[2] = { ...raw.fields[2], options: undefined };
      raw.fields[3] = { ...raw.fields[3], topic: 'money' };
    });
    const n = rawDefaultCatalog() as Raw;
    expect(errors.map((e) => e.path).sort()).toEqual([`fields[${n.fields.length}].key`, 'fields[2].options', 'fields[3].topic'].sort());
  });

  it('reports a file that is not a catalog at all in Chinese', () => {
    const r = checkCatalog([1, 2]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ path: '(根)', message: '类型应为对象' });
  });
});
