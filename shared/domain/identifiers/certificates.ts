/**
 * 证件: the identity documents people show at the window (DOMAIN.md 9a, IDCARD.md 5). The type
 * travels with the number everywhere (form, case, documents), because the same characters mean
 * nothing without it; a number is never forced into the 居民身份证's 18 digits.
 *
 * Values are the Chinese names: they are what the form's select holds, what a case stores and
 * what documents print, and a hall can configure more types (settings) by name alone.
 */
import { checkIdNumber } from './id-number';
import type { ShapeResult } from './project-code';

export const RESIDENT_ID = '居民身份证';
export const HK_MO_PERMIT = '港澳居民来往内地通行证';
export const TW_PERMIT = '台湾居民来往大陆通行证';
export const HMT_RESIDENCE = '港澳台居民居住证';
export const FOREIGN_PR_2017 = '外国人永久居留身份证（2017版）';
export const FOREIGN_PR_2023 = '外国人永久居留身份证（2023版）';
export const PASSPORT = '护照';

/** Built-in types, in the order the select offers them. */
export const CERTIFICATE_TYPES = [RESIDENT_ID, HK_MO_PERMIT, TW_PERMIT, HMT_RESIDENCE, FOREIGN_PR_2017, FOREIGN_PR_2023, PASSPORT] as const;
export type BuiltInCertificateType = (typeof CERTIFICATE_TYPES)[number];

/** What the form field and the material are called for each type (经办人 + this). */
export const CERTIFICATE_SHORT_NAMES: Readonly<Record<BuiltInCertificateType, string>> = {
  [RESIDENT_ID]: '身份证',
  [HK_MO_PERMIT]: '港澳居民来往内地通行证',
  [TW_PERMIT]: '台湾居民来往大陆通行证',
  [HMT_RESIDENCE]: '港澳台居民居住证',
  [FOREIGN_PR_2017]: '外国人永久居留身份证',
  [FOREIGN_PR_2023]: '外国人永久居留身份证',
  [PASSPORT]: '护照',
};

export function isBuiltInCertificateType(type: string): type is BuiltInCertificateType {
  return (CERTIFICATE_TYPES as readonly string[]).includes(type);
}

/** A hall-configured type name: short Chinese text, no punctuation that could fake a path. */
export function isPlausibleCertificateTypeName(name: string): boolean {
  const chars = Array.from(name.trim());
  return chars.length >= 2 && chars.length <= 20 && /^[\p{Script=Han}A-Za-z0-9（）()·]+$/u.test(name.trim());
}

/** The number as stored: trimmed, upper-cased, inner spaces dropped (clerks copy "H1234 5678"). */
export function normaliseCertificateNumber(input: string): string {
  return input.trim().replace(/\s+/g, '').toUpperCase();
}

const HMT_PREFIXES: Readonly<Record<string, string>> = { '810000': '香港', '820000': '澳门', '830000': '台湾' };

/**
 * Checks a number against its type. Unknown (hall-configured) types get the passport's sanity
 * rules: the window cannot know their format, but it can refuse what is surely a typo.
 */
export function checkCertificate(type: string, input: string): ShapeResult {
  const value = normaliseCertificateNumber(input);
  const bad = (message: string): ShapeResult => ({ ok: false, value, message });
  switch (type) {
    case RESIDENT_ID: {
      const r = checkIdNumber(value);
      return r.ok ? { ok: true, value: r.value } : bad(r.message ?? '身份证号不正确，请核对');
    }
    case HK_MO_PERMIT:
      if (/^[HM]\d{8}$/.test(value) || /^[HM]\d{10}$/.test(value)) return { ok: true, value };
      return bad(
        '港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加8位数字，如 H12345678（旧版本式证件为10位数字）；换证次数不属于号码，请勿录入',
      );
    case TW_PERMIT:
      if (/^\d{8}$/.test(value)) return { ok: true, value };
      if (/^\d{10}$/.test(value)) return bad('台湾居民来往大陆通行证号码为8位数字；末尾2位换证次数不属于号码，请去掉后再录入');
      return bad('台湾居民来往大陆通行证号码应为8位数字，如 01234567');
    case HMT_RESIDENCE: {
      const prefix = HMT_PREFIXES[value.slice(0, 6)];
      if (prefix === undefined) return bad('港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头，共18位');
      const r = checkIdNumber(value);
      return r.ok ? { ok: true, value: r.value } : bad((r.message ?? '号码不正确').replace('身份证号', '居住证号码'));
    }
    case FOREIGN_PR_2017:
      // IDCARD.md 5: the 2017 check rule is unconfirmed, so only the shape is held.
      if (/^[A-Z]{3}\d{12}$/.test(value)) return { ok: true, value };
      return bad('2017版外国人永久居留身份证号码应为15位：3位国籍字母加12位数字，如 USA310085060012');
    case FOREIGN_PR_2023: {
      if (!value.startsWith('9') || value.length !== 18) return bad('2023版外国人永久居留身份证号码应为以 9 开头的18位号码');
      const r = checkIdNumber(value);
      return r.ok ? { ok: true, value: r.value } : bad((r.message ?? '号码不正确').replace('身份证号', '永久居留身份证号码'));
    }
    default:
      return checkPassportLike(type, value);
  }
}

/** Passports (ICAO 9303 document numbers are at most 9 characters; national ones vary): 5 to 20 letters/digits, not all one character. */
function checkPassportLike(type: string, value: string): ShapeResult {
  const name = type === PASSPORT ? '护照号码' : `${type}号码`;
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, value, message: `${name}只能包含字母和数字，请去掉空格和符号后重新输入` };
  if (value.length < 5 || value.length > 20) return { ok: false, value, message: `${name}应为5至20位字母或数字，请对照证件核对` };
  if (/^(.)\1+$/.test(value)) return { ok: false, value, message: `${name}不能全部是同一个字符，请对照证件核对` };
  return { ok: true, value };
}

/** The material a person proves identity with, named after the document they showed. */
export function identityMaterialName(role: string, type: string | null | undefined): string {
  if (!type) return `${role}身份证明`;
  return `${role}${isBuiltInCertificateType(type) ? CERTIFICATE_SHORT_NAMES[type] : type}`;
}

/** Lists show the type's shape without the person: `H1****78`, `110105********002X`. */
export function maskCertificateNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length >= 15) return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}
