import { Input, Select } from 'antd';
import type { StageFormField } from '../../../shared/domain/forms';

const UPPER_CASE = new Set<string>(['idNumber', 'uscc', 'certificateNumber']);

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** One control per field type; every value goes back as typed (the shared rules parse it). */
export function FieldInput(props: {
  field: StageFormField;
  value: unknown;
  disabled?: boolean;
  status: '' | 'error' | 'warning';
  onChange(v: unknown): void;
}) {
  const { field, value, onChange } = props;
  const common = {
    id: `f-${field.key}`,
    'aria-label': field.label,
    'data-field': field.key,
    status: props.status || undefined,
    size: 'small' as const,
    disabled: props.disabled === true,
    title: props.disabled ? '由“阶段与事项”一步决定，请在那里修改' : undefined,
  };
  switch (field.type) {
    case 'certificateType':
    case 'select':
      return (
        <Select
          {...common}
          style={{ width: '100%' }}
          value={asText(value) || undefined}
          placeholder={field.type === 'certificateType' ? '居民身份证' : '请选择'}
          allowClear
          onChange={(v: string | undefined) => onChange(v ?? null)}
          options={(field.options ?? []).map((o) => ({ label: o, value: o }))}
        />
      );
    case 'multiselect':
      return (
        <Select
          {...common}
          mode="multiple"
          style={{ width: '100%' }}
          value={Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []}
          placeholder="可多选，没有则不选"
          onChange={(v: string[]) => onChange(v)}
          options={(field.options ?? []).map((o) => ({ label: o, value: o }))}
        />
      );
    case 'date':
      return <Input {...common} type="date" value={asText(value)} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return <Input {...common} inputMode="decimal" value={asText(value)} suffix={field.unit} onChange={(e) => onChange(e.target.value)} />;
    default:
      return (
        <Input
          {...common}
          value={asText(value)}
          maxLength={field.type === 'idNumber' || field.type === 'uscc' ? 18 : field.type === 'certificateNumber' ? 24 : undefined}
          // Identifiers are written in capitals on every certificate.
          onChange={(e) => onChange(UPPER_CASE.has(field.type) ? e.target.value.toUpperCase() : e.target.value)}
          placeholder={field.hint}
        />
      );
  }
}
