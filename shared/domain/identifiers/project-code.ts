/**
 * 投资项目代码 (GB/T 40058-2021): `YYYY-NNNNNN-NN-NN-NNNNNN`. Its check algorithm is not public,
 * so only the shape is validated. A sub-project 工程代码 appends `-NNNN`.
 */
const PROJECT_CODE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;
const ENGINEERING_CODE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})-(\d{4})$/;

export interface ShapeResult {
  ok: boolean;
  value: string;
  message?: string;
}

export function checkProjectCode(input: string): ShapeResult {
  const value = input.trim();
  const m = PROJECT_CODE.exec(value);
  if (!m || Number(m[1]) < 2000) {
    return { ok: false, value, message: '项目代码格式应为 年份-6位区划-2位-2位-6位流水号，如 2025-330106-47-01-123456' };
  }
  return { ok: true, value };
}

export function checkEngineeringCode(input: string): ShapeResult {
  const value = input.trim();
  if (!ENGINEERING_CODE.exec(value)) {
    return { ok: false, value, message: '工程代码格式应为 项目代码-4位数字，如 2025-330106-47-01-123456-0001' };
  }
  return { ok: true, value };
}

/**
 * Phone numbers (DOMAIN.md 9a): a mainland mobile (11 digits, optionally after +86), a landline
 * with its area code (0571-87654321), Hong Kong +852 and Macao +853 (8 digits), Taiwan +886 (9
 * digits once the trunk 0 is dropped), and any other E.164 number (+ country code, at most 15
 * digits). 00 may stand for +. Spaces and dashes inside an international number are ignored.
 */
export function checkPhone(input: string): ShapeResult {
  const value = input.trim().replace(/\s+/g, '');
  if (/^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(value)) return { ok: true, value };
  const intl = /^(?:\+|00)(\d[\d-]*)$/.exec(value);
  if (!intl)
    return {
      ok: false,
      value,
      message: '电话号码应为11位手机号、带区号的固定电话（如 0571-87654321），或以 + 开头的国际号码（如 +852 91234567）',
    };
  const digits = intl[1]!.replace(/-/g, '');
  const plus = '+' + digits;
  const rule = (cc: string, re: RegExp, message: string): ShapeResult | null => {
    if (!digits.startsWith(cc)) return null;
    const rest = digits.slice(cc.length);
    return re.test(rest) ? { ok: true, value: `+${cc} ${rest.replace(/^0/, '')}` } : { ok: false, value: plus, message };
  };
  return (
    rule('86', /^(1[3-9]\d{9}|0?[1-9]\d{8,10})$/, '+86 后应为11位手机号或去掉首位0的固定电话') ??
    rule('852', /^\d{8}$/, '香港电话（+852）应为8位数字，如 +852 91234567') ??
    rule('853', /^\d{8}$/, '澳门电话（+853）应为8位数字，如 +853 62123456') ??
    rule('886', /^0?\d{9}$/, '台湾电话（+886）去掉首位0后应为9位数字，如 +886 912345678') ??
    (/^[1-9]\d{6,14}$/.test(digits)
      ? { ok: true, value: plus }
      : { ok: false, value: plus, message: '国际电话应为 + 国家代码加号码，共7至15位数字，请核对' })
  );
}
