import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_TYPES,
  FOREIGN_PR_2017,
  FOREIGN_PR_2023,
  HK_MO_PERMIT,
  HMT_RESIDENCE,
  PASSPORT,
  RESIDENT_ID,
  TW_PERMIT,
  checkCertificate,
  checkPhone,
  identityMaterialName,
  idNumberCheckChar,
  maskCertificateNumber,
} from '../../../shared/domain/identifiers';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('certificate numbers per type', () => {
  it('holds the 居民身份证 to GB 11643', () => {
    expect(checkCertificate(RESIDENT_ID, '11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkCertificate(RESIDENT_ID, 'H12345678').ok).toBe(false);
  });
  it('takes a 港澳通行证 as H/M + 8 digits (or 10 on old booklets), spaces ignored, and nothing else', () => {
    expect(checkCertificate(HK_MO_PERMIT, ' h1234 5678 ')).toEqual({ ok: true, value: 'H12345678' });
    expect(checkCertificate(HK_MO_PERMIT, 'M1234567890').ok).toBe(true);
    const bad = checkCertificate(HK_MO_PERMIT, 'X12345678');
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/H（香港）或 M（澳门）/);
    expect(checkCertificate(HK_MO_PERMIT, 'H1234567').ok).toBe(false);
  });
  it('takes a 台胞证 as 8 digits and says the issue count is not part of it', () => {
    expect(checkCertificate(TW_PERMIT, '01234567').ok).toBe(true);
    expect(checkCertificate(TW_PERMIT, '0123456701').message).toMatch(/换证次数/);
  });
  it('takes a 居住证 only with an 81/82/83 prefix and the ID check', () => {
    expect(checkCertificate(HMT_RESIDENCE, withCheck('81000019900101001')).ok).toBe(true);
    expect(checkCertificate(HMT_RESIDENCE, withCheck('83000019851231002')).ok).toBe(true);
    // A mainland number is a valid ID but not a residence permit.
    expect(checkCertificate(HMT_RESIDENCE, '11010519491231002X').message).toMatch(/810000/);
    const wrongCheck = withCheck('81000019900101001').slice(0, 17) + (withCheck('81000019900101001').endsWith('1') ? '2' : '1');
    expect(checkCertificate(HMT_RESIDENCE, wrongCheck).message).toMatch(/居住证号码校验位/);
  });
  it('takes 永居证 2017 as 3 letters + 12 digits and 2023 as 18 digits from 9 with the check', () => {
    expect(checkCertificate(FOREIGN_PR_2017, 'usa310085060012')).toEqual({ ok: true, value: 'USA310085060012' });
    expect(checkCertificate(FOREIGN_PR_2017, 'US3100850600123').ok).toBe(false);
    expect(checkCertificate(FOREIGN_PR_2023, '932682198501010017').ok).toBe(true);
    expect(checkCertificate(FOREIGN_PR_2023, '11010519491231002X').message).toMatch(/以 9 开头/);
    expect(checkCertificate(FOREIGN_PR_2023, '932682198501010018').ok).toBe(false);
  });
  it('gives passports and hall-configured types sanity rules only', () => {
    expect(checkCertificate(PASSPORT, 'E12345678').ok).toBe(true);
    expect(checkCertificate(PASSPORT, 'AB12').message).toMatch(/5至20位/);
    expect(checkCertificate(PASSPORT, 'E1234-5678').message).toMatch(/字母和数字/);
    expect(checkCertificate(PASSPORT, '00000000').ok).toBe(false);
    expect(checkCertificate('海员证', 'C1234567')).toEqual({ ok: true, value: 'C1234567' });
    expect(checkCertificate('海员证', '12').message).toMatch(/^海员证号码/);
  });
  it('every built-in type refuses an empty number with a Chinese message', () => {
    for (const type of CERTIFICATE_TYPES) {
      const r = checkCertificate(type, '');
      expect(r.ok, type).toBe(false);
      expect(r.message, type).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('names the identity material after the document shown', () => {
    expect(identityMaterialName('经办人', HK_MO_PERMIT)).toBe('经办人港澳居民来往内地通行证');
    expect(identityMaterialName('经办人', RESIDENT_ID)).toBe('经办人身份证');
    expect(identityMaterialName('经办人', '海员证')).toBe('经办人海员证');
    expect(identityMaterialName('经办人', null)).toBe('经办人身份证明');
  });
  it('masks every number in lists, whatever its length', () => {
    expect(maskCertificateNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskCertificateNumber('H12345678')).toBe('H1*****78');
    expect(maskCertificateNumber('01234567')).toBe('01****67');
    expect(maskCertificateNumber('USA310085060012')).toBe('USA310*****0012');
  });
});

describe('phone numbers, mainland and international', () => {
  it('keeps mainland mobiles and landlines', () => {
    expect(checkPhone('13812345678').ok).toBe(true);
    expect(checkPhone('0571-87654321').ok).toBe(true);
    expect(checkPhone('+86 138 1234 5678')).toEqual({ ok: true, value: '+86 13812345678' });
  });
  it('takes +852 and +853 with 8 digits, +886 with 9 after the trunk 0', () => {
    expect(checkPhone('+852 9123 4567')).toEqual({ ok: true, value: '+852 91234567' });
    expect(checkPhone('00853-62123456')).toEqual({ ok: true, value: '+853 62123456' });
    expect(checkPhone('+886 0912 345 678')).toEqual({ ok: true, value: '+886 912345678' });
    expect(checkPhone('+852 912345').message).toMatch(/香港电话（\+852）应为8位/);
    expect(checkPhone('+853 6212345678').ok).toBe(false);
  });
  it('takes any other E.164 number and refuses nonsense with a hint', () => {
    expect(checkPhone('+44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(checkPhone('+1 202 555 0143').ok).toBe(true);
    expect(checkPhone('+0123456').ok).toBe(false);
    expect(checkPhone('+1234567890123456').ok).toBe(false);
    expect(checkPhone('91234567').message).toMatch(/\+852/);
  });
});
