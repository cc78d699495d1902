import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { composeStageForm, prefillStageForm, validateStageForm, plainValues } from '../../../shared/domain/forms';
import { parseIdCard } from '../../../shared/domain/idcard';
import { loadTrainingCard } from '../../../electron/devices/idcard/simulator/training-cards';
import { defaultCatalog } from '../catalog/default-catalog';

const form = composeStageForm(defaultCatalog(), { stage: 1, projectType: '备案', landSource: '出让' });
const card = (id: string) => {
  const t = loadTrainingCard(join(__dirname, '../../../resources/idcards', `${id}.json`));
  return parseIdCard(
    { text: t.text, photo: { bytes: 1024, sha256: '0'.repeat(64), wltBase64: '' }, newAddress: t.newAddress },
    '2026-12-01',
  );
};
const agentOf = (id: string) =>
  Object.fromEntries(
    Object.entries(plainValues(prefillStageForm(form, { idCard: card(id), idCardRole: 'agent' }))).filter(
      ([k, v]) => k.startsWith('agent.') && v !== null,
    ),
  );

describe('a card read fills the type and every number on the card', () => {
  it('keeps the 通行证 number of a 港澳台居民居住证', () => {
    expect(agentOf('hk-mo-tw')).toEqual({
      'agent.name': '黄志强',
      'agent.certType': '港澳台居民居住证',
      'agent.idNumber': '810000199206150031',
      'agent.passNumber': 'H98765432',
    });
  });
  it('fills a 永居证’s type, English name and nationality, and the result passes the form’s checks', () => {
    for (const id of ['foreign-2017', 'foreign-2023']) {
      const values = agentOf(id);
      expect(values['agent.certType'], id).toMatch(/^外国人永久居留身份证（20(17|23)版）$/);
      expect(values['agent.englishName'], id).toMatch(/[A-Z]/);
      expect(values['agent.nationality'], id).toMatch(/^[A-Z]{3}$/);
      const errors = validateStageForm(form, { ...values, 'agent.phone': '+1 2025550143' }).errors;
      expect(
        Object.keys(errors).filter((k) => k.startsWith('agent.')),
        id,
      ).toEqual([]);
    }
  });
  it('marks a resident card as 居民身份证', () => {
    expect(agentOf('resident-standard')['agent.certType']).toBe('居民身份证');
  });
});
