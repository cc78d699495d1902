import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ComposeResult } from '../../../shared/api/acceptance';
import { describeLimit } from '../../../shared/domain/catalog';
import { changedFields, plainValues, type PrefilledForm, type StageForm } from '../../../shared/domain/forms';
import { formValidation } from './FormStep';
import { outstanding, type AcceptanceState } from './model';
import { PreAcceptanceActions } from './PreAcceptanceActions';

export interface DeficiencyChoice {
  commitment: string;
  supplyBy: string;
}

/**
 * The last look before the legal act: items with departments and limits, what the clerk
 * changed, what is reused, what is missing. Ctrl+Enter accepts; 容缺受理 when only materials the
 * catalog allows to be missing are missing.
 */
export function ReviewStep(props: {
  state: AcceptanceState;
  busy: boolean;
  error: string | null;
  onAccept(deficiency: DeficiencyChoice | null): void;
  onBack(): void;
  /** Parks the form as a draft for a pre-acceptance record; returns the draft id. */
  onSaveDraft?(): Promise<string | null>;
}) {
  const composed = props.state.composed as ComposeResult;
  const form = composed.form as StageForm;
  const values: PrefilledForm = props.state.values;
  const plain = plainValues(values);
  const check = formValidation(form, values);
  const changed = changedFields(values);
  const missing = outstanding(props.state);
  const canDefer = missing.length > 0 && missing.every((l) => l.deficiencyAllowed);
  const [commitment, setCommitment] = useState('本单位承诺在补齐期限内提交所缺材料，逾期未补齐的，同意中止办理。');
  const [supplyBy, setSupplyBy] = useState('');
  const errors = Object.values(check.errors);
  const reused = props.state.checklist.filter((l) => l.status === 'reused' || l.status === 'e-licence');
  const label = (key: string) => form.sections.flatMap((s) => s.fields).find((f) => f.key === key)?.label ?? key;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Card size="small" title="核对受理">
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="项目">
            {String(plain['project.name'] ?? '')}（{String(plain['project.code'] ?? '')}）
          </Descriptions.Item>
          <Descriptions.Item label="建设单位">{String(plain['builder.name'] ?? '')}</Descriptions.Item>
          <Descriptions.Item label="经办人">{String(plain['agent.name'] ?? '')}</Descriptions.Item>
          <Descriptions.Item label="阶段">
            第{form.stage}阶段 {form.stageName}
          </Descriptions.Item>
          <Descriptions.Item label="事项目录版本">{composed.catalogVersion}</Descriptions.Item>
          <Descriptions.Item label="材料">
            复用 {reused.length} 份 · 本次收取 {Object.values(props.state.attachments).filter((a) => a.length > 0).length} 份
            {missing.length ? ` · 尚缺 ${missing.length} 份` : ''}
          </Descriptions.Item>
        </Descriptions>
        <Table
          style={{ marginTop: 8 }}
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={form.items}
          columns={[
            { title: '事项', dataIndex: 'name' },
            { title: '承办部门', dataIndex: 'departmentName', width: 170 },
            { title: '承诺时限', width: 110, render: (_, i) => describeLimit(i.promisedLimit) },
            { title: '法定时限', width: 110, render: (_, i) => describeLimit(i.statutoryLimit) },
          ]}
        />
        {changed.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">修改了预填的内容：</Typography.Text>
            {changed.map((k) => (
              <Tag key={k} color="orange">
                {label(k)}
              </Tag>
            ))}
          </div>
        )}
        {Object.entries(check.warnings).map(([k, w]) => (
          <Alert key={k} style={{ marginTop: 6 }} type="warning" showIcon message={`${label(k)}：${w}`} />
        ))}
        {errors.length > 0 && (
          <Alert
            style={{ marginTop: 6 }}
            type="error"
            showIcon
            message={`申请表还有 ${errors.length} 处需要修改，请返回申请表`}
            description={errors.slice(0, 5).join('；')}
          />
        )}
        {missing.length > 0 && (
          <Alert
            style={{ marginTop: 6 }}
            type={canDefer ? 'warning' : 'error'}
            showIcon
            message={`尚缺材料：${missing.map((l) => l.name).join('、')}`}
            description={
              canDefer
                ? '以上材料均允许容缺：可由申请人签署承诺后容缺受理，并一次性告知补齐期限。'
                : '其中有不允许容缺的材料，须收齐后才能受理。'
            }
          />
        )}
        {props.error && <Alert style={{ marginTop: 6 }} type="error" showIcon message={props.error} />}
      </Card>
      {canDefer && (
        <Card size="small" title="容缺受理">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              value={commitment}
              onChange={(e) => setCommitment(e.target.value)}
              aria-label="申请人承诺"
              maxLength={500}
            />
            <Space>
              补齐期限：
              <Input
                type="date"
                size="small"
                value={supplyBy}
                onChange={(e) => setSupplyBy(e.target.value)}
                aria-label="补齐期限"
                style={{ width: 160 }}
              />
              <Typography.Text type="secondary">不填则按承诺办结期限；不得晚于承诺办结日期</Typography.Text>
            </Space>
          </Space>
        </Card>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Space>
          <Button onClick={props.onBack}>上一步</Button>
          {props.onSaveDraft && (
            <PreAcceptanceActions
              stage={form.stage}
              itemCodes={form.items.map((i) => i.code)}
              catalogVersion={composed.catalogVersion}
              values={values}
              missing={missing}
              collectable={props.state.checklist.filter((l) => l.status === 'to-collect' || l.status === 'deficiency-allowed')}
              saveDraft={props.onSaveDraft}
            />
          )}
        </Space>
        <Space>
          {canDefer && (
            <Button
              loading={props.busy}
              disabled={errors.length > 0}
              onClick={() => props.onAccept({ commitment, supplyBy })}
              data-testid="accept-deficiency"
            >
              容缺受理
            </Button>
          )}
          <Button
            type="primary"
            loading={props.busy}
            disabled={errors.length > 0 || missing.length > 0}
            onClick={() => props.onAccept(null)}
            data-testid="accept"
          >
            受理 <span className="ow-kbd">Ctrl+Enter</span>
          </Button>
        </Space>
      </div>
    </Space>
  );
}
