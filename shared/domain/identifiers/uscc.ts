/**
 * 统一社会信用代码 (GB 32100-2015). Real registers hold a few codes that fail the check: a
 * failing check is a warning for the clerk, never a block.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export interface UsccResult {
  /** Shape is right (18 characters from the alphabet). A wrong shape blocks. */
  ok: boolean;
  /** Shape right but the check character fails: warn, do not block. */
  checkFailed: boolean;
  value: string;
  message?: string;
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

export function checkUscc(input: string): UsccResult {
  const value = input.trim().toUpperCase();
  if (!/^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/.test(value)) {
    return {
      ok: false,
      checkFailed: false,
      value,
      message: '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z），请对照营业执照核对',
    };
  }
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) {
    return {
      ok: true,
      checkFailed: true,
      value,
      message: '统一社会信用代码校验位不符，请与营业执照再核对一次；确认无误可继续办理',
    };
  }
  return { ok: true, checkFailed: false, value };
}
