import { describe, expect, it } from 'vitest';
import {
  applyClerkEdit,
  changedFields,
  composeStageForm,
  eLicenceFieldValues,
  plainValues,
  prefillStageForm,
  resultFieldValues,
} from '../../../shared/domain/forms';
import { defaultCatalog } from '../catalog/default-catalog';

const catalog = defaultCatalog();
const stage1 = composeStageForm(catalog, { stage: 1, projectType: '备案', landSource: '出让' });
const stage3 = composeStageForm(catalog, { stage: 3, projectType: '备案', landSource: '出让' });

describe('prefillStageForm', () => {
  it('takes values from the project, the parties and the ID card, naming each source', () => {
    const filled = prefillStageForm(stage1, {
      project: { code: '2026-330106-47-03-123456', name: '滨江科创园一期', location: '杭州市滨江区', 'land.use': '工业用地' },
      parties: {
        builder: { name: '杭州某某置业有限公司', uscc: '91350100M000100Y43', contact: { name: '王五', phone: '13812345678' } },
        agent: { name: '旧经办人', phone: '13900001111' },
      },
      idCard: { name: '张三', idNumber: '11010519491231002X', address: '北京市东城区某街1号' },
    });
    expect(filled['project.code']).toEqual({ value: '2026-330106-47-03-123456', source: 'project' });
    expect(filled['land.use']).toEqual({ value: '工业用地', source: 'project' });
    expect(filled['builder.contact.phone']).toEqual({ value: '13812345678', source: 'party' });
    // The card just read beats the stored party; what the card lacks still comes from the party.
    expect(filled['agent.name']).toEqual({ value: '张三', source: 'idcard' });
    expect(filled['agent.idNumber']).toEqual({ value: '11010519491231002X', source: 'idcard' });
    expect(filled['agent.phone']).toEqual({ value: '13900001111', source: 'party' });
    // The applicability the form was composed with counts as project data.
    expect(filled['project.type']).toEqual({ value: '备案', source: 'project' });
    expect(filled['project.totalInvestment']).toEqual({ value: null, source: 'empty' });
    expect(Object.keys(filled).sort()).toEqual(stage1.sections.flatMap((s) => s.fields.map((f) => f.key)).sort());
  });

  it('can fill the legal representative from the card instead of the agent', () => {
    const filled = prefillStageForm(stage1, { idCard: { name: '李四', idNumber: '11010519491231002X' }, idCardRole: 'builder.legalRep' });
    expect(filled['builder.legalRep.name']).toEqual({ value: '李四', source: 'idcard' });
    expect(filled['agent.name']?.source).toBe('empty');
  });

  it('carries values from earlier stages, the latest stage first, but never over the project record', () => {
    const filled = prefillStageForm(stage3, {
      project: { name: '滨江科创园一期' },
      earlierStages: [
        { stage: 1, values: { 'project.name': '旧名称', 'builder.address': '滨江区一号', 'project.scale': '一期' } },
        { stage: 2, values: { 'project.scale': '一期及地下车库', 'planning.engineeringPermitNo': '建字第330100202600001号' } },
      ],
    });
    expect(filled['project.name']).toEqual({ value: '滨江科创园一期', source: 'project' });
    expect(filled['builder.address']).toEqual({ value: '滨江区一号', source: 'stage:1' });
    expect(filled['project.scale']).toEqual({ value: '一期及地下车库', source: 'stage:2' });
    expect(filled['planning.engineeringPermitNo']).toEqual({ value: '建字第330100202600001号', source: 'stage:2' });
  });
});

describe('applyClerkEdit', () => {
  const start = prefillStageForm(stage1, { project: { name: '滨江科创园一期' } });

  it('marks a changed value as the clerk’s and remembers where it came from', () => {
    const once = applyClerkEdit(start, 'project.name', '滨江科创园（一期）');
    expect(once['project.name']).toEqual({
      value: '滨江科创园（一期）',
      source: 'clerk',
      previous: { value: '滨江科创园一期', source: 'project' },
    });
    const twice = applyClerkEdit(once, 'project.name', '滨江科创园一期工程');
    expect(twice['project.name']?.previous).toEqual({ value: '滨江科创园一期', source: 'project' });
    expect(changedFields(twice)).toEqual(['project.name']);
    expect(start['project.name']?.source).toBe('project');
  });

  it('restores the original source when the clerk types the original value back', () => {
    const changed = applyClerkEdit(start, 'project.name', '别的名字');
    const back = applyClerkEdit(changed, 'project.name', '滨江科创园一期');
    expect(back['project.name']).toEqual({ value: '滨江科创园一期', source: 'project' });
    expect(changedFields(back)).toEqual([]);
  });

  it('records typing into an empty field as the clerk’s without calling it a change', () => {
    const typed = applyClerkEdit(start, 'project.totalInvestment', '12000');
    expect(typed['project.totalInvestment']).toMatchObject({ value: '12000', source: 'clerk' });
    expect(changedFields(typed)).toEqual([]);
    expect(applyClerkEdit(typed, 'project.totalInvestment', '12000')).toBe(typed);
    expect(plainValues(typed)['project.totalInvestment']).toBe('12000');
  });
});

describe('result → field: nothing an earlier stage issued is typed again', () => {
  const stage2 = composeStageForm(catalog, { stage: 2, projectType: '备案', landSource: '出让' });
  const stage4 = composeStageForm(catalog, { stage: 4, projectType: '备案', landSource: '出让' });
  const issued = resultFieldValues(catalog, [
    { itemCode: '00016421100101', stage: 1, documentNumber: '地字第330100202600012号' },
    { itemCode: '00016421300301', stage: 2, documentNumber: '建字第330100202600031号' },
    { itemCode: '00017440100101', stage: 3, documentNumber: '330108202610080101' },
    // A result without a number (not yet recorded) fills nothing.
    { itemCode: '00016421300101', stage: 2, documentNumber: null },
  ]);

  it('fills each later stage with the issued number, tagged with the issuing stage', () => {
    const s2 = prefillStageForm(stage2, { issuedResults: issued });
    expect(s2['land.planningPermitNo']).toEqual({ value: '地字第330100202600012号', source: 'result:1' });
    const s3 = prefillStageForm(stage3, { issuedResults: issued });
    expect(s3['planning.engineeringPermitNo']).toEqual({ value: '建字第330100202600031号', source: 'result:2' });
    const s4 = prefillStageForm(stage4, { issuedResults: issued });
    expect(s4['construction.permitNo']).toEqual({ value: '330108202610080101', source: 'result:3' });
    expect(s4['planning.engineeringPermitNo']?.source).toBe('result:2');
  });

  it('puts the issued number above what an earlier form captured', () => {
    const s3 = prefillStageForm(stage3, {
      earlierStages: [{ stage: 2, values: { 'planning.engineeringPermitNo': '旧号（手填）' } }],
      issuedResults: issued,
    });
    expect(s3['planning.engineeringPermitNo']).toEqual({ value: '建字第330100202600031号', source: 'result:2' });
  });

  it('reads the builder from the e-licence library, below the project record', () => {
    const fromLicence = eLicenceFieldValues(catalog, [
      { material: 'business-licence', data: { name: '示例建设有限公司', legalRepresentative: '张三' } },
    ]);
    expect(fromLicence).toEqual({ 'builder.name': '示例建设有限公司', 'builder.legalRep.name': '张三' });
    const filled = prefillStageForm(stage1, { parties: { builder: { name: '登记的名称' } }, eLicences: fromLicence });
    expect(filled['builder.name']).toEqual({ value: '登记的名称', source: 'party' });
    expect(filled['builder.legalRep.name']).toEqual({ value: '张三', source: 'e-licence' });
  });
});
