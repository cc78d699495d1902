import { describe, expect, it } from 'vitest';
import {
  applicableItems,
  composeStageForm,
  fieldsAskedItemByItem,
  formFields,
  isFieldRequired,
  visibleFields,
} from '../../../shared/domain/forms';
import { ITEM, defaultCatalog } from '../catalog/default-catalog';

const catalog = defaultCatalog();
const keys = (fields: { key: string }[]) => fields.map((f) => f.key);

describe('composeStageForm: which items apply', () => {
  it('chooses stage 1 items by project type and land source', () => {
    expect(applicableItems(catalog, { stage: 1, projectType: '备案', landSource: '出让' })).toEqual([ITEM.filing, ITEM.landPlan]);
    expect(applicableItems(catalog, { stage: 1, projectType: '政府投资', landSource: '划拨' })).toEqual([
      ITEM.govApproval,
      ITEM.landPre,
      ITEM.landPlan,
    ]);
    expect(applicableItems(catalog, { stage: 1, projectType: '核准', landSource: '出让' })).toEqual([ITEM.verification, ITEM.landPlan]);
  });

  it('adds fire and civil-defence items for special works', () => {
    expect(applicableItems(catalog, { stage: 3 })).toEqual([ITEM.constructionPermit]);
    expect(applicableItems(catalog, { stage: 3, specialWorks: ['特殊建设工程', '结建防空地下室'] })).toEqual([
      ITEM.fireDesign,
      ITEM.civilDefence,
      ITEM.constructionPermit,
    ]);
    expect(applicableItems(catalog, { stage: 4 })).toEqual([ITEM.planVerify, ITEM.fireFiling, ITEM.archives, ITEM.completionFiling]);
    expect(applicableItems(catalog, { stage: 4, specialWorks: ['特殊建设工程'] })).toEqual([
      ITEM.planVerify,
      ITEM.fireAccept,
      ITEM.archives,
      ITEM.completionFiling,
    ]);
  });

  it('lets the clerk add on-request items and drop applying ones, in catalog order', () => {
    const form = composeStageForm(catalog, { stage: 5, addItems: [ITEM.power, ITEM.water] });
    expect(form.items.map((i) => [i.code, i.inclusion])).toEqual([
      [ITEM.water, 'added'],
      [ITEM.power, 'added'],
    ]);
    expect(form.leadDepartment).toBeNull();
    const dropped = composeStageForm(catalog, { stage: 3, specialWorks: ['结建防空地下室'], dropItems: [ITEM.civilDefence] });
    expect(dropped.items.map((i) => i.code)).toEqual([ITEM.constructionPermit]);
    expect(dropped.dropped).toEqual([ITEM.civilDefence]);
  });

  it('refuses an empty application, an unknown item and an item of another stage', () => {
    expect(() => composeStageForm(catalog, { stage: 5 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/至少选择一个事项/) }),
    );
    expect(() => composeStageForm(catalog, { stage: 2, addItems: ['00000000000000'] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => composeStageForm(catalog, { stage: 2, addItems: [ITEM.constructionPermit] })).toThrow(/属于第3阶段/);
    expect(() => composeStageForm(catalog, { stage: 7 })).toThrow(/没有第7阶段/);
  });

  it('gives each item its department and promised limit', () => {
    const form = composeStageForm(catalog, { stage: 2, projectType: '备案', landSource: '出让' });
    expect(form.items.find((i) => i.code === ITEM.engPlan)).toMatchObject({
      departmentName: '市自然资源和规划局',
      promisedLimit: { value: 5, unit: '工作日' },
      statutoryLimit: { value: 20, unit: '工作日' },
    });
    expect(form).toMatchObject({ catalogVersion: '2026.1', stage: 2, stageName: '工程建设许可', leadDepartment: 'zrzy' });
  });
});

describe('composeStageForm: one section per topic, every field once', () => {
  const form = composeStageForm(catalog, { stage: 1, projectType: '备案', landSource: '出让' });

  it('deduplicates by canonical key and keeps the union of items needing each field', () => {
    const all = keys(formFields(form));
    expect(new Set(all).size).toBe(all.length);
    const uscc = formFields(form).find((f) => f.key === 'builder.uscc');
    expect(uscc?.neededBy).toEqual([ITEM.filing, ITEM.landPlan]);
    const grant = formFields(form).find((f) => f.key === 'land.grantContractNo');
    expect(grant?.neededBy).toEqual([ITEM.landPlan]);
    // Nothing from later stages leaks in.
    expect(all).not.toContain('contractor.name');
    expect(fieldsAskedItemByItem(form)).toBeGreaterThan(all.length);
  });

  it('groups fields into sections in the catalog topic order', () => {
    expect(form.sections.map((s) => s.label)).toEqual(['项目基本信息', '用地信息', '建设单位', '经办人']);
    expect(keys(form.sections[3]!.fields)).toEqual([
      'agent.name',
      'agent.certType',
      'agent.idNumber',
      'agent.passNumber',
      'agent.englishName',
      'agent.nationality',
      'agent.phone',
    ]);
  });

  it('shows conditional fields only when they apply', () => {
    expect(keys(visibleFields(form, {}))).toContain('land.grantContractNo');
    expect(keys(visibleFields(form, {}))).not.toContain('project.approvalDocNo');
    const allocated = composeStageForm(catalog, { stage: 1, projectType: '政府投资', landSource: '划拨' });
    expect(keys(visibleFields(allocated, {}))).toEqual(expect.arrayContaining(['land.preexamNo', 'project.approvalDocNo']));
    expect(keys(visibleFields(allocated, {}))).not.toContain('land.grantContractNo');
    // A value the clerk sets wins over what the form was composed with.
    expect(keys(visibleFields(allocated, { 'project.landSource': '出让' }))).toContain('land.grantContractNo');
  });

  it('evaluates required-when against the current values', () => {
    const stage3 = composeStageForm(catalog, { stage: 3 });
    const supervisorUscc = formFields(stage3).find((f) => f.key === 'supervisor.uscc')!;
    expect(keys(visibleFields(stage3, {}))).not.toContain('supervisor.uscc');
    expect(isFieldRequired(stage3, supervisorUscc, {})).toBe(false);
    expect(isFieldRequired(stage3, supervisorUscc, { 'supervisor.name': '某某监理有限公司' })).toBe(true);
    const civil = composeStageForm(catalog, { stage: 3, specialWorks: ['结建防空地下室'] });
    const area = formFields(civil).find((f) => f.key === 'civilDefence.area')!;
    expect(isFieldRequired(civil, area, {})).toBe(true);
    expect(isFieldRequired(stage3, area, {})).toBe(false);
  });
});
