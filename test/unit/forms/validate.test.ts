import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEXT_MAX_LENGTH,
  assertValidStageForm,
  composeStageForm,
  parseNumber,
  validateStageForm,
} from '../../../shared/domain/forms';
import { defaultCatalog } from '../catalog/default-catalog';

const catalog = defaultCatalog();
const stage3 = composeStageForm(catalog, { stage: 3, projectType: '备案', landSource: '出让' });

/** A complete, valid stage 3 application for a 备案 project on 出让 land. */
const valid: Record<string, unknown> = {
  'project.code': '2026-330106-47-03-123456',
  'project.name': '滨江科创园一期',
  'project.type': '备案',
  'project.landSource': '出让',
  'project.specialWorks': [],
  'project.buildingUse': '商业办公',
  'project.location': '杭州市滨江区',
  'project.scale': '办公楼两幢',
  'project.totalInvestment': 52000,
  'project.fundingSource': '自筹资金',
  'project.landArea': '20,000',
  'land.grantContractNo': '3301082026A001',
  'builder.name': '杭州某某置业有限公司',
  'builder.uscc': '91350100M000100Y43',
  'builder.legalRep.name': '赵六',
  'builder.address': '滨江区一号',
  'builder.contact.name': '王五',
  'builder.contact.phone': '0571-87654321',
  'agent.name': '张三',
  'agent.idNumber': '11010519491231002X',
  'agent.phone': '13812345678',
  'designer.name': '某某设计研究院',
  'designer.uscc': '91350100M000100Y43',
  'project.buildingArea': 86000.5,
  'planning.engineeringPermitNo': '建字第330100202600001号',
  'contractor.name': '某某建设集团',
  'contractor.uscc': '91350100M000100Y43',
  'contractor.projectManager': '钱七',
  'construction.drawingReviewNo': 'SC2026-0001',
  'construction.contractPrice': '38000',
  'construction.startDate': '2026-05-01',
  'construction.endDate': '2028-04-30',
};

describe('validateStageForm', () => {
  it('accepts a complete application', () => {
    expect(validateStageForm(stage3, valid)).toEqual({ errors: {}, warnings: {} });
  });

  it('asks for each missing required field by its label', () => {
    const { errors } = validateStageForm(stage3, { ...valid, 'contractor.name': '  ', 'agent.phone': undefined });
    expect(errors).toEqual({ 'contractor.name': '请填写施工单位', 'agent.phone': '请填写经办人电话' });
  });

  it('warns, without blocking, on a USCC failing its check character; blocks a wrong shape', () => {
    const r = validateStageForm(stage3, { ...valid, 'builder.uscc': '91350100M000100Y44', 'contractor.uscc': '91350100M000100Y4' });
    expect(Object.keys(r.warnings)).toEqual(['builder.uscc']);
    expect(r.warnings['builder.uscc']).toMatch(/校验位/);
    expect(Object.keys(r.errors)).toEqual(['contractor.uscc']);
  });

  it('checks ID number, project code shape and phone numbers with the shared identifier rules', () => {
    const { errors } = validateStageForm(stage3, {
      ...valid,
      'agent.idNumber': '110105194912310021',
      'project.code': '2026-3301-47-03-123456',
      'builder.contact.phone': '12345',
    });
    expect(errors['agent.idNumber']).toMatch(/校验位/);
    expect(errors['project.code']).toMatch(/项目代码格式/);
    expect(errors['builder.contact.phone']).toMatch(/电话号码/);
  });

  it('requires positive amounts and areas, and real dates in order', () => {
    const { errors } = validateStageForm(stage3, {
      ...valid,
      'project.totalInvestment': -3,
      'project.buildingArea': '八万',
      'construction.startDate': '2026-02-30',
      'construction.endDate': '2026-01-01',
    });
    expect(errors['project.totalInvestment']).toBe('总投资应大于0，请核对');
    expect(errors['project.buildingArea']).toBe('总建筑面积应为数字（单位：平方米）');
    expect(errors['construction.startDate']).toMatch(/有效日期/);
    expect(validateStageForm(stage3, { ...valid, 'construction.endDate': '2026-01-01' }).errors['construction.endDate']).toBe(
      '合同竣工日期不能早于2026-05-01',
    );
  });

  it('ignores hidden fields and applies required-when conditions', () => {
    // 划拨 fields are hidden on 出让 land: whatever they hold is not judged.
    expect(validateStageForm(stage3, { ...valid, 'land.allocationDecisionNo': 12 }).errors).toEqual({});
    expect(validateStageForm(stage3, { ...valid, 'land.grantContractNo': '' }).errors).toEqual({
      'land.grantContractNo': '请填写出让合同编号',
    });
    expect(validateStageForm(stage3, { ...valid, 'supervisor.name': '某某监理' }).errors).toEqual({
      'supervisor.uscc': '请填写监理单位统一社会信用代码',
    });
  });

  it('refuses a choice outside the options', () => {
    const { errors } = validateStageForm(stage3, { ...valid, 'project.fundingSource': '众筹', 'project.specialWorks': ['人防'] });
    expect(errors).toEqual({ 'project.fundingSource': '请从列表中选择资金来源', 'project.specialWorks': '请从列表中选择特殊工程类别' });
  });

  it('throws one VALIDATION error with a detail per field on the Node side, returning warnings otherwise', () => {
    expect(assertValidStageForm(stage3, { ...valid, 'builder.uscc': '91350100M000100Y44' })).toEqual({
      'builder.uscc': expect.stringMatching(/校验位/),
    });
    expect(() => assertValidStageForm(stage3, { ...valid, 'agent.name': '', 'agent.phone': 'x' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/2 处/),
        details: [{ path: 'agent.name', message: '请填写经办人姓名' }, expect.objectContaining({ path: 'agent.phone' })],
      }),
    );
  });

  it('parses numbers the way clerks type them', () => {
    expect(parseNumber('1,200.5')).toBe(1200.5);
    expect(parseNumber(' 30 ')).toBe(30);
    expect(parseNumber('3e5')).toBeNull();
    expect(parseNumber(Number.NaN)).toBeNull();
  });
});

describe('length limits are said, never cut', () => {
  it('refuses a 2000-character name with the limit and the length, counting 𠮷 as one character', async () => {
    const form = composeStageForm(catalog, { stage: 1, projectType: '备案', landSource: '出让' });
    // The catalog limits 项目名称 to 100; the screen no longer cuts at 100, so the check must say it.
    const long = validateStageForm(form, { 'project.name': '䶮'.repeat(2000) });
    expect(long.errors['project.name']).toBe('项目名称不能超过100个字（现为2000个字），请核对后删减');
    expect(validateStageForm(form, { 'project.name': '𠮷'.repeat(100) }).errors['project.name']).toBeUndefined();
    // A text field with no limit of its own still has one.
    const address = validateStageForm(form, { 'builder.address': '路'.repeat(DEFAULT_TEXT_MAX_LENGTH + 1) });
    expect(address.errors['builder.address']).toMatch(new RegExp(`不能超过${DEFAULT_TEXT_MAX_LENGTH}个字`));
  });
});

describe('area sums', () => {
  const form = composeStageForm(catalog, { stage: 2, projectType: '备案', landSource: '出让' });
  it('refuses a total that is not 地上 + 地下, naming both parts', () => {
    const r = validateStageForm(form, { 'project.buildingArea': 86000, 'design.aboveGroundArea': 62000, 'design.undergroundArea': 23000 });
    expect(r.errors['project.buildingArea']).toBe('总建筑面积应等于地上与地下建筑面积之和（62000 + 23000 = 85000），现填 86000，请核对');
  });
  it('accepts a total that adds up, including decimals typed as text', () => {
    const r = validateStageForm(form, {
      'project.buildingArea': '86000.5',
      'design.aboveGroundArea': '62000.25',
      'design.undergroundArea': 24000.25,
    });
    expect(r.errors['project.buildingArea']).toBeUndefined();
  });
});

describe('date plausibility on the workstation clock', () => {
  const stage1 = composeStageForm(catalog, { stage: 1, projectType: '备案', landSource: '出让' });
  const stage4 = composeStageForm(catalog, { stage: 4, projectType: '备案', landSource: '出让' });
  const plan = (start: string, end = '2028-12-31') => ({
    'project.code': '2026-330106-47-03-123456',
    'project.plannedStart': start,
    'project.plannedEnd': end,
  });
  it('refuses a planned start years before the project was coded, in Chinese', () => {
    const { errors } = validateStageForm(stage1, plan('2020-03-01'), { today: '2026-03-02' });
    expect(errors['project.plannedStart']).toBe('计划开工时间（2020-03-01）比项目赋码年份（2026年）早6年，请核对年份');
    expect(validateStageForm(stage1, plan('2025-11-01'), { today: '2026-03-02' }).errors['project.plannedStart']).toBeUndefined();
  });
  it('refuses a 竣工验收 date after today, and a year typed wrong', () => {
    const future = validateStageForm(stage4, { 'completion.acceptanceDate': '2029-06-20' }, { today: '2026-03-02' });
    expect(future.errors['completion.acceptanceDate']).toBe(
      '竣工验收日期（2029-06-20）晚于今天（2026-03-02）：竣工验收应已完成，请核对日期',
    );
    const past = validateStageForm(stage4, { 'completion.acceptanceDate': '2026-02-27' }, { today: '2026-03-02' });
    expect(past.errors['completion.acceptanceDate']).toBeUndefined();
    const typo = validateStageForm(stage1, plan('2026-09-01', '2208-12-31'), { today: '2026-03-02' });
    expect(typo.errors['project.plannedEnd']).toBe('计划竣工时间（2208-12-31）的年份不合常理，请核对是否输错年份');
  });
  it('without a clock (no today) judges only what the calendar says', () => {
    expect(validateStageForm(stage4, { 'completion.acceptanceDate': '2029-06-20' }).errors['completion.acceptanceDate']).toBeUndefined();
  });
});
