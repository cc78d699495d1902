import { describe, expect, it } from 'vitest';
import {
  checkElicenceId,
  checkIdNumber,
  checkProjectCode,
  checkUscc,
  idNumberCheckChar,
  maskIdNumber,
  maskName,
  upgradeIdNumber15,
} from '../../../shared/domain/identifiers';

describe('ID number (GB 11643)', () => {
  it('computes the worked examples of IDCARD.md', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });
  it('accepts valid numbers and decodes birth date and sex', () => {
    const r = checkIdNumber('11010519491231002x');
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
    expect(checkIdNumber('440524188001010014')).toMatchObject({ ok: true, sex: 'male' });
    expect(checkIdNumber('932682198501010017').ok).toBe(true);
    expect(checkIdNumber('911124198108030024').ok).toBe(true);
  });
  it('rejects a wrong check, a bad date and a bad shape with a Chinese message', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({ ok: false, problem: 'check' });
    expect(checkIdNumber('110105194902300023')).toMatchObject({ ok: false, problem: 'birth-date' });
    const shape = checkIdNumber('12345');
    expect(shape).toMatchObject({ ok: false, problem: 'format' });
    expect(shape.message).toMatch(/18位/);
  });
  it('upgrades 15-digit numbers', () => {
    const n = upgradeIdNumber15('110105491231002');
    expect(n).toBe('11010519491231002X');
    expect(upgradeIdNumber15('440524800101997').slice(6, 8)).toBe('18');
  });
  it('masks numbers and names for lists', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李小明')).toBe('李*明');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it('passes the worked example', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, checkFailed: false, value: '91350100M000100Y43' });
  });
  it('warns but does not block on a failing check character', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.ok).toBe(true);
    expect(r.checkFailed).toBe(true);
    expect(r.message).toMatch(/校验位/);
  });
  it('blocks a wrong shape (letters I O S V Z are not in the alphabet)', () => {
    expect(checkUscc('91350100M000100I43').ok).toBe(false);
    expect(checkUscc('9135').ok).toBe(false);
  });
});

describe('项目代码 and 电子证照标识', () => {
  it('checks the project code shape', () => {
    expect(checkProjectCode('2025-330106-47-01-123456').ok).toBe(true);
    expect(checkProjectCode('2025-33010-47-01-123456').ok).toBe(false);
  });
  it('verifies the real e-licence example of DOMAIN.md', () => {
    expect(checkElicenceId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F').ok).toBe(true);
    expect(checkElicenceId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G').ok).toBe(false);
  });
});
