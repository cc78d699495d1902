import { Alert, Button, Card, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, type KeyboardEvent } from 'react';
import type { ComposeResult, IdCardRole } from '../../../shared/api/acceptance';
import { describeLimit } from '../../../shared/domain/catalog';
import {
  isFieldRequired,
  plainValues,
  validateStageForm,
  visibleFields,
  type FormValidation,
  type PrefilledForm,
  type StageForm,
} from '../../../shared/domain/forms';
import { shanghaiDate } from '../../../shared/domain/time';
import { workstationNow } from '../app/workstation-clock';
import { FieldInput } from './FieldInput';
import { sourceColor, sourceLabel } from './model';

export function formValidation(form: StageForm, values: PrefilledForm): FormValidation {
  return validateStageForm(form, plainValues(values), { today: shanghaiDate(workstationNow()) });
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.join('、');
  return value === null || value === undefined ? '（空）' : String(value);
}

/**
 * The stage's one form: a section per topic, each field once, conditional fields appearing as
 * they apply, each showing where its value came from. Enter moves to the next field; Enter on the
 * last goes on to the materials.
 */
export function FormStep(props: {
  composed: ComposeResult;
  values: PrefilledForm;
  showAllErrors: boolean;
  idCardRole: IdCardRole;
  /** Keys decided in the stage step (they choose the items), shown but not edited here. */
  locked: readonly string[];
  onRole(r: IdCardRole): void;
  onEdit(key: string, value: unknown): void;
  onGuide(code: string): void;
  onNext(): void;
  onBack(): void;
}) {
  const form = props.composed.form as StageForm;
  const plain = useMemo(() => plainValues(props.values), [props.values]);
  const visible = useMemo(() => new Set(visibleFields(form, plain).map((f) => f.key)), [form, plain]);
  const check = useMemo(() => validateStageForm(form, plain, { today: shanghaiDate(workstationNow()) }), [form, plain]);
  const errorCount = Object.keys(check.errors).length;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.altKey) return;
    const target = e.target as HTMLElement;
    // A select uses Enter to pick its option.
    if (target.closest('.ant-select') || target.tagName === 'BUTTON') return;
    const inputs = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input[data-field], .ant-select[data-field] input'));
    const at = inputs.findIndex((el) => el === target || el.contains(target));
    if (at < 0) return;
    e.preventDefault();
    const next = inputs[at + 1];
    if (next) next.focus();
    else props.onNext();
  };

  return (
    <div onKeyDown={onKeyDown}>
      <Card
        size="small"
        title={`第${form.stage}阶段 ${form.stageName} · 一张表单`}
        extra={
          <Space>
            <Typography.Text type="secondary">读卡填入：</Typography.Text>
            <Segmented
              size="small"
              value={props.idCardRole}
              onChange={(v) => props.onRole(v as IdCardRole)}
              options={[
                { label: '经办人', value: 'agent' },
                { label: '法定代表人本人', value: 'applicant' },
              ]}
              data-testid="idcard-role"
            />
          </Space>
        }
      >
        <Space wrap size={[6, 4]}>
          {form.items.map((i) => (
            <Tag
              key={i.code}
              color={i.inclusion === 'added' ? 'purple' : 'blue'}
              style={{ cursor: 'pointer' }}
              onClick={() => props.onGuide(i.code)}
            >
              {i.name} · {i.departmentName} · 承诺{describeLimit(i.promisedLimit)} <u>指南</u>
            </Tag>
          ))}
        </Space>
        {props.composed.alreadyAccepted && (
          <Alert style={{ marginTop: 6 }} type="warning" showIcon message="本项目该阶段已受理过，请确认是否重复申请" />
        )}
      </Card>
      {form.sections.map((section) => {
        const fields = section.fields.filter((f) => visible.has(f.key));
        if (fields.length === 0) return null;
        return (
          <Card key={section.topic} size="small" title={section.label} style={{ marginTop: 8 }} data-testid={`section-${section.topic}`}>
            <div className="ow-form-grid">
              {fields.map((field) => {
                const v = props.values[field.key] ?? { value: null, source: 'empty' as const };
                const error = check.errors[field.key];
                const warning = check.warnings[field.key];
                const shownError = error && (props.showAllErrors || v.source !== 'empty') ? error : undefined;
                const label = sourceLabel(v.source);
                const changed = v.source === 'clerk' && v.previous !== undefined && v.previous.source !== 'empty';
                return (
                  <div key={field.key} className="ow-field" data-testid={`field-${field.key}`} data-source={v.source}>
                    <label htmlFor={`f-${field.key}`} className="ow-field-label">
                      {isFieldRequired(form, field, plain) && <span style={{ color: '#cf1322' }}>*</span>}
                      {field.label}
                      {label && !changed && (
                        <Tag color={sourceColor(label)} className="ow-source">
                          {label}
                        </Tag>
                      )}
                      {changed && (
                        <Tooltip title={`原值（${sourceLabel(v.previous!.source)}）：${display(v.previous!.value)}`}>
                          <Tag color="orange" className="ow-source">
                            已修改
                          </Tag>
                        </Tooltip>
                      )}
                    </label>
                    <FieldInput
                      field={field}
                      value={v.value}
                      disabled={props.locked.includes(field.key)}
                      status={shownError ? 'error' : warning ? 'warning' : ''}
                      onChange={(value) => props.onEdit(field.key, value)}
                    />
                    {shownError && <div className="ow-field-error">{shownError}</div>}
                    {!shownError && warning && <div className="ow-field-warning">{warning}</div>}
                  </div>
                );
              })}
            </div>
          </Card>
        );
      })}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button onClick={props.onBack}>上一步</Button>
        <Space>
          {props.showAllErrors && errorCount > 0 && <Typography.Text type="danger">还有 {errorCount} 处需要填写或修改</Typography.Text>}
          <Button type="primary" onClick={props.onNext} data-testid="to-materials">
            下一步：核对材料 <span className="ow-kbd">Enter</span>
          </Button>
        </Space>
      </div>
    </div>
  );
}
