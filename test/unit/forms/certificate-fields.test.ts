import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES, HK_MO_PERMIT, HMT_RESIDENCE, PASSPORT, idNumberCheckChar } from '../../../shared/domain/identifiers';
import { composeStageForm, formFields, validateStageForm, visibleFields } from '../../../shared/domain/forms';
import { defaultCatalog } from '../catalog/default-catalog';

const catalog = defaultCatalog();
const options = { stage: 1, projectType: '备案', landSource: '出让' } as const;
const form = composeStageForm(catalog, { ...options, extraCertificateTypes: ['海员证', '  ', '护照', '<script>'] });
const agentErrors = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(validateStageForm(form, values).errors).filter(([k]) => k.startsWith('agent.')));

describe('person certificate fields on the form', () => {
  it('offers every built-in type, then the hall’s own once, dropping implausible names', () => {
    const type = formFields(form).find((f) => f.key === 'agent.certType')!;
    expect(type.options).toEqual([...CERTIFICATE_TYPES, '海员证']);
  });

  it('checks the number by the chosen type, 居民身份证 when none is chosen', () => {
    expect(
      agentErrors({ 'agent.name': '陈大文', 'agent.idNumber': 'H12345678', 'agent.phone': '+852 91234567' })['agent.idNumber'],
    ).toMatch(/身份证号应为18位/);
    expect(
      agentErrors({
        'agent.name': '陈大文',
        'agent.certType': HK_MO_PERMIT,
        'agent.idNumber': 'H12345678',
        'agent.phone': '+852 91234567',
      }),
    ).toEqual({});
    expect(
      agentErrors({
        'agent.name': '陈大文',
        'agent.certType': HK_MO_PERMIT,
        'agent.idNumber': '11010519491231002X',
        'agent.phone': '+852 91234567',
      })['agent.idNumber'],
    ).toMatch(/H（香港）/);
    expect(
      agentErrors({ 'agent.name': 'Seaman', 'agent.certType': '海员证', 'agent.idNumber': 'C1234567', 'agent.phone': '+44 2079460958' }),
    ).toEqual({});
  });

  it('refuses a type that is neither built in nor configured', () => {
    expect(
      agentErrors({ 'agent.name': '某', 'agent.certType': '学生证', 'agent.idNumber': 'S1234567', 'agent.phone': '13812345678' })[
        'agent.certType'
      ],
    ).toMatch(/请从列表中选择/);
  });

  it('shows the pass number for a 居住证 and nationality for foreigners, asking nationality where it applies', () => {
    const visible = (type: string) =>
      visibleFields(form, { 'agent.certType': type })
        .map((f) => f.key)
        .filter((k) => k.startsWith('agent.'));
    expect(visible(HMT_RESIDENCE)).toContain('agent.passNumber');
    expect(visible(HMT_RESIDENCE)).not.toContain('agent.nationality');
    expect(visible(PASSPORT)).toEqual(expect.arrayContaining(['agent.englishName', 'agent.nationality']));
    expect(visible('居民身份证')).not.toContain('agent.passNumber');
    expect(
      agentErrors({
        'agent.name': 'John Smith',
        'agent.certType': PASSPORT,
        'agent.idNumber': 'E12345678',
        'agent.phone': '+1 2025550143',
      }),
    ).toEqual({ 'agent.nationality': '请填写经办人国籍' });
    const residence = '81000019900101001' + idNumberCheckChar('81000019900101001');
    expect(
      agentErrors({
        'agent.name': '陈大文',
        'agent.certType': HMT_RESIDENCE,
        'agent.idNumber': residence,
        'agent.passNumber': 'H1234567',
        'agent.phone': '13812345678',
      })['agent.passNumber'],
    ).toMatch(/H\/M 加8位/);
  });
});
