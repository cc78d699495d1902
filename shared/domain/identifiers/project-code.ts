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

/** Mainland mobile numbers, or a landline with area code (0571-87654321). */
export function checkPhone(input: string): ShapeResult {
  const value = input.trim().replace(/\s+/g, '');
  if (/^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(value)) return { ok: true, value };
  return { ok: false, value, message: '电话号码应为11位手机号或带区号的固定电话，如 0571-87654321' };
}
