/**
 * Validation of a stage form. The renderer runs it on every change for instant feedback and
 * the Node side runs it again before accepting, so both must come from this one function.
 */
import { AppError } from '../../api/errors';
import { RESIDENT_ID, checkCertificate, checkIdNumber, checkPhone, checkProjectCode, checkUscc, isValidCalendarDate } from '../identifiers';
import { isFilled, type Values } from '../catalog';
import { formFields, isFieldRequired, isFieldVisible, type StageForm, type StageFormField } from './compose';
import { implausibleDates } from './date-plausibility';

export interface FormValidation {
  /** Block acceptance, by field key. */
  errors: Record<string, string>;
  /** Shown to the clerk, never block (e.g. a USCC failing its check character), by field key. */
  warnings: Record<string, string>;
}

export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  // Clerks copy amounts like "1,200.5" from documents.
  const cleaned = value.trim().replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export function parseIsoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m || !isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return value.trim();
}

type Check = { error?: string; warning?: string } | undefined;

/** The certificate type chosen for the person a number field belongs to (`agent.idNumber` → `agent.certType`). */
export function certificateTypeFor(numberKey: string, values: Values): string {
  const type = values[`${numberKey.slice(0, numberKey.lastIndexOf('.'))}.certType`];
  return typeof type === 'string' && type.trim() !== '' ? type.trim() : RESIDENT_ID;
}

function checkValue(field: StageFormField, value: unknown, values: Values): Check {
  const label = field.label;
  const asText = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  const v = field.validation;
  switch (field.type) {
    case 'number': {
      const n = parseNumber(value);
      if (n === null) return { error: `${label}应为数字${field.unit ? `（单位：${field.unit}）` : ''}` };
      if (v?.integer && !Number.isInteger(n)) return { error: `${label}应为整数` };
      if (v?.positive && n <= 0) return { error: `${label}应大于0，请核对` };
      if (v?.min !== undefined && n < v.min) return { error: `${label}不能小于${v.min}` };
      if (v?.max !== undefined && n > v.max) return { error: `${label}不能大于${v.max}，请核对是否多输了位数` };
      return undefined;
    }
    case 'date': {
      const d = parseIsoDate(value);
      if (d === null) return { error: `${label}应为有效日期，格式如 2026-03-15` };
      if (v?.notBefore !== undefined) {
        const other = parseIsoDate(values[v.notBefore]);
        if (other !== null && d < other) return { error: `${label}不能早于${other}` };
      }
      return undefined;
    }
    case 'certificateType':
    case 'select': {
      if (asText === null || !(field.options ?? []).includes(asText)) return { error: `请从列表中选择${label}` };
      return undefined;
    }
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((x) => typeof x !== 'string' || !(field.options ?? []).includes(x))) {
        return { error: `请从列表中选择${label}` };
      }
      return undefined;
    }
    case 'idNumber': {
      const r = checkIdNumber(asText ?? '');
      return r.ok ? undefined : { error: r.message ?? `${label}不正确` };
    }
    case 'certificateNumber': {
      const type = certificateTypeFor(field.key, values);
      const r = checkCertificate(type, asText ?? '');
      return r.ok ? undefined : { error: r.message ?? `${label}不正确` };
    }
    case 'uscc': {
      const r = checkUscc(asText ?? '');
      if (!r.ok) return { error: r.message ?? `${label}不正确` };
      return r.checkFailed ? { warning: r.message ?? `${label}校验位不符` } : undefined;
    }
    case 'projectCode': {
      const r = checkProjectCode(asText ?? '');
      return r.ok ? undefined : { error: r.message ?? `${label}格式不正确` };
    }
    case 'phone': {
      const r = checkPhone(asText ?? '');
      return r.ok ? undefined : { error: r.message ?? `${label}格式不正确` };
    }
    case 'text': {
      if (asText === null) return { error: `${label}应为文字` };
      // Every text has a limit (the catalog's, else one no real name or number reaches), and
      // going over it is said, never cut: characters are counted as people see them (𠮷 is one).
      const limit = v?.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const length = Array.from(asText.trim()).length;
      if (length > limit) return { error: `${label}不能超过${limit}个字（现为${length}个字），请核对后删减` };
      if (v?.pattern !== undefined && !new RegExp(v.pattern).test(asText.trim()))
        return { error: v.patternMessage ?? `${label}格式不正确` };
      return undefined;
    }
  }
}

/** A text field without its own limit: longer than any real name, address or document number. */
export const DEFAULT_TEXT_MAX_LENGTH = 200;

/** What validation needs beyond the form: the workstation's today (Asia/Shanghai, the injected clock) for date plausibility. */
export interface ValidationContext {
  today?: string;
}

export function validateStageForm(form: StageForm, values: Values, context: ValidationContext = {}): FormValidation {
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  const dates = new Map<string, { label: string; value: string }>();
  for (const field of formFields(form)) {
    // A hidden field does not apply to this project: whatever it holds is not judged.
    if (!isFieldVisible(form, field, values)) continue;
    const value = values[field.key];
    if (!isFilled(value)) {
      if (isFieldRequired(form, field, values)) errors[field.key] = `请填写${field.label}`;
      continue;
    }
    const result = checkValue(field, value, values);
    if (result?.error) errors[field.key] = result.error;
    if (result?.warning) warnings[field.key] = result.warning;
    const date = field.type === 'date' && !result?.error ? parseIsoDate(value) : null;
    if (date) dates.set(field.key, { label: field.label, value: date });
  }
  if (context.today) for (const [key, message] of Object.entries(implausibleDates(dates, values, context.today))) errors[key] ??= message;
  // 地上 + 地下 = 总建筑面积: a mistyped area is caught on the form, not by the reviewer.
  const area = (key: string): number | null => {
    const field = formFields(form).find((f) => f.key === key);
    return field && isFieldVisible(form, field, values) ? parseNumber(values[key]) : null;
  };
  const [total, above, under] = [area('project.buildingArea'), area('design.aboveGroundArea'), area('design.undergroundArea')];
  if (total !== null && above !== null && under !== null && !errors['project.buildingArea'] && Math.abs(above + under - total) > 0.01) {
    errors['project.buildingArea'] =
      `总建筑面积应等于地上与地下建筑面积之和（${above} + ${under} = ${Math.round((above + under) * 100) / 100}），现填 ${total}，请核对`;
  }
  return { errors, warnings };
}

/**
 * The Node side's authoritative check before an acceptance: errors become one VALIDATION error
 * with a detail per field; warnings are returned for the journal and the review screen.
 */
export function assertValidStageForm(form: StageForm, values: Values, context: ValidationContext = {}): Record<string, string> {
  const { errors, warnings } = validateStageForm(form, values, context);
  const details = Object.entries(errors).map(([path, message]) => ({ path, message }));
  if (details.length > 0) throw new AppError('VALIDATION', `表单有 ${details.length} 处需要补正，请按提示修改后再受理`, details);
  return warnings;
}
