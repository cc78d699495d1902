import { Button, Checkbox, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ChecklistLineView, FormValues } from '../../../shared/api/acceptance';
import { AppError } from '../../../shared/api/errors';
import type { PreAcceptanceView } from '../../../shared/api/pre-acceptance';
import { plainValues, type PrefilledForm } from '../../../shared/domain/forms';
import { useApiMutation } from '../api/hooks';
import { ActionModal } from '../cases/ActionModal';
import { DocumentPreview, documentOf } from '../print/DocumentPrint';

function formValuesOf(values: PrefilledForm): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(plainValues(values))) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

export interface PreAcceptanceScope {
  stage: number;
  itemCodes: string[];
  catalogVersion: string;
  values: PrefilledForm;
  /** Materials still missing (prechecked in the 一次性告知) and every line the applicant could bring. */
  missing: ChecklistLineView[];
  collectable: ChecklistLineView[];
  /** Parks the application as a draft so the returning applicant's form is found again; its id. */
  saveDraft(): Promise<string | null>;
}

interface Deficiency {
  code: string;
  kind: 'missing' | 'defective';
  problem?: string;
}

const GROUNDS = [
  { value: 'not-competent', label: '申请事项依法不属于本行政机关职权范围' },
  { value: 'no-licence-needed', label: '申请事项依法不需要取得行政许可' },
  { value: 'other', label: '其他法定情形' },
] as const;

/**
 * Before acceptance, at the counter: 出具一次性告知书 (every missing or defective material, one
 * paper) or 不予受理. No case is opened; the record is kept, journaled and linked to the draft,
 * and its paper is previewed and printed at once.
 */
export function PreAcceptanceActions(props: PreAcceptanceScope) {
  const [dialog, setDialog] = useState<'notify' | 'reject' | null>(null);
  const [record, setRecord] = useState<PreAcceptanceView | null>(null);
  // Both papers park the form as a draft the applicant comes back to: the draft list refreshes.
  const notify = useApiMutation('acceptance.preAcceptance.notify', ['cases.listDrafts', 'acceptance.preAcceptance.list']);
  const reject = useApiMutation('acceptance.preAcceptance.reject', ['cases.listDrafts', 'acceptance.preAcceptance.list']);
  const scope = async () => {
    const draftId = await props.saveDraft();
    return {
      stage: props.stage,
      itemCodes: props.itemCodes,
      catalogVersion: props.catalogVersion,
      values: formValuesOf(props.values),
      ...(draftId ? { draftId } : {}),
    };
  };
  return (
    <>
      <Space>
        <Button onClick={() => setDialog('notify')} data-testid="pre-notify">
          出具一次性告知书
        </Button>
        <Button danger onClick={() => setDialog('reject')} data-testid="pre-reject">
          不予受理
        </Button>
      </Space>
      {dialog === 'notify' && (
        <NotifyDialog
          {...props}
          onClose={() => setDialog(null)}
          onSubmit={async (deficiencies) => setRecord(await notify.mutateAsync({ ...(await scope()), deficiencies }))}
        />
      )}
      {dialog === 'reject' && (
        <ActionModal<{ reasons: string; ground: (typeof GROUNDS)[number]['value'] }>
          open
          title="不予受理（未立案）"
          submitText="出具不予受理决定书"
          danger
          testId="dialog-pre-reject"
          initialValues={{ ground: 'not-competent' }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const reasons = v.reasons
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean);
            setRecord(await reject.mutateAsync({ ...(await scope()), reasons, ground: v.ground }));
          }}
        >
          <Form.Item name="ground" label="不予受理的依据（行政许可法第三十二条）">
            <Radio.Group
              options={GROUNDS.map((g) => ({ value: g.value, label: g.label }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </Form.Item>
          <Form.Item
            name="reasons"
            label="不予受理理由（每行一条）"
            rules={[{ required: true, whitespace: true, message: '请写明不予受理的理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} aria-label="不予受理理由" />
          </Form.Item>
          <Typography.Text type="secondary">决定书载明申请人申请行政复议、提起行政诉讼的途径和期限。</Typography.Text>
        </ActionModal>
      )}
      {record && (
        <DocumentPreview
          open
          source={documentOf({ preAcceptanceId: record.id }, record.kind === 'one-time-notice' ? 'correction-notice' : 'rejection-notice')}
          onClose={() => setRecord(null)}
        />
      )}
    </>
  );
}

function NotifyDialog(props: PreAcceptanceScope & { onClose(): void; onSubmit(d: Deficiency[]): Promise<void> }) {
  const [picked, setPicked] = useState<Record<string, Deficiency>>(() =>
    Object.fromEntries(props.missing.map((l) => [l.code, { code: l.code, kind: 'missing' as const }])),
  );
  const [problemMissing, setProblemMissing] = useState(false);
  const set = (code: string, d: Deficiency | null) =>
    setPicked((p) => {
      const next = { ...p };
      if (d) next[code] = d;
      else delete next[code];
      return next;
    });
  return (
    <ActionModal<Record<string, never>>
      open
      title="一次性告知（未受理）"
      submitText="记录并出具一次性告知书"
      width={760}
      testId="dialog-pre-notify"
      onClose={props.onClose}
      onSubmit={async () => {
        const list = Object.values(picked);
        if (list.some((d) => d.kind === 'defective' && !d.problem?.trim())) {
          setProblemMissing(true);
          throw new AppError('VALIDATION', '请写明不符合要求的材料存在的问题');
        }
        await props.onSubmit(
          list.map((d) => ({ code: d.code, kind: d.kind, ...(d.problem?.trim() ? { problem: d.problem.trim() } : {}) })),
        );
      }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        勾选申请人须补齐或更正的全部材料：一次告知，不再二次要求。申请表保存为草稿，申请人补齐后可从“受理”首页继续。
      </Typography.Paragraph>
      <Table<ChecklistLineView>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={props.collectable}
        scroll={{ y: 360 }}
        columns={[
          {
            title: '材料',
            render: (_, l) => (
              <Checkbox
                checked={picked[l.code] !== undefined}
                onChange={(e) => set(l.code, e.target.checked ? { code: l.code, kind: 'missing' } : null)}
                data-testid={`pre-pick-${l.code}`}
              >
                {l.name}
              </Checkbox>
            ),
          },
          {
            title: '情形',
            width: 130,
            render: (_, l) =>
              picked[l.code] && (
                <Select
                  size="small"
                  value={picked[l.code]!.kind}
                  style={{ width: 118 }}
                  onChange={(kind) => set(l.code, { ...picked[l.code]!, kind })}
                  options={[
                    { value: 'missing', label: '未提交' },
                    { value: 'defective', label: '不符合要求' },
                  ]}
                  aria-label={`${l.name}情形`}
                />
              ),
          },
          {
            title: '存在的问题',
            width: 260,
            render: (_, l) =>
              picked[l.code]?.kind === 'defective' && (
                <Input
                  size="small"
                  maxLength={300}
                  status={problemMissing && !picked[l.code]!.problem?.trim() ? 'error' : ''}
                  placeholder="如：未加盖公章"
                  value={picked[l.code]!.problem ?? ''}
                  onChange={(e) => set(l.code, { ...picked[l.code]!, problem: e.target.value })}
                  aria-label={`${l.name}存在的问题`}
                />
              ),
          },
        ]}
      />
    </ActionModal>
  );
}
