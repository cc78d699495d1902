/**
 * 电子证照标识 (GB/T 36904): `1.2.156.3005.2.<类型代码>.<颁发机构代码>.<流水号>.<版本>.<校验位>`,
 * check by ISO 7064 MOD 37,36 over 类型代码 + 颁发机构代码 + 流水号 + 版本.
 */
import type { ShapeResult } from './project-code';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PREFIX = '1.2.156.3005.2.';

export function elicenceCheckChar(payload: string): string {
  let p = 36;
  for (const ch of payload) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`character ${ch} outside 0-9A-Z`);
    let t = (p + v) % 36;
    if (t === 0) t = 36;
    p = (2 * t) % 37;
  }
  return ALPHABET[(37 - p) % 36]!;
}

export function checkElicenceId(input: string): ShapeResult {
  const value = input.trim().toUpperCase();
  const bad = { ok: false, value, message: '电子证照标识格式不正确，应以 1.2.156.3005.2. 开头并含校验位，请从证照系统复制' };
  if (!value.startsWith(PREFIX)) return bad;
  const parts = value.slice(PREFIX.length).split('.');
  if (parts.length !== 5 || parts.some((p) => !/^[0-9A-Z]+$/.test(p))) return bad;
  const [type, issuer, serial, version, check] = parts as [string, string, string, string, string];
  if (elicenceCheckChar(type + issuer + serial + version) !== check) {
    return { ok: false, value, message: '电子证照标识校验位不正确，请核对是否抄错' };
  }
  return { ok: true, value };
}
