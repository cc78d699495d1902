import { AutoComplete, Form, Input, Typography } from 'antd';
import { CORRECTABLE_PARTY_LABELS, type CaseDetail, type CorrectablePartyField } from '../../../shared/api/cases';
import { useCaseAction } from './useCaseAction';
import { ActionModal } from './ActionModal';

const REASONS = ['受理时录入错误', '受理时文书字库缺字，以近似字代替', '申请人提供了更正后的身份证明', '单位名称变更'];

type Values = Partial<Record<CorrectablePartyField, string>> & { reason: string };

/**
 * 更正申请人信息 on an accepted case: the corrected values go to every case of the visit, the
 * old ones stay in the journal, and the documents are printed again from the case page.
 */
export function CorrectPartiesDialog({
  detail: d,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  onClose(): void;
  onDone(changed: string[]): void;
}) {
  const act = useCaseAction();
  const initial: Values = {
    applicantName: d.applicant.name,
    applicantPhone: d.applicant.phone ?? '',
    agentName: d.agent?.name ?? '',
    agentPhone: d.agent?.phone ?? '',
    projectName: d.project.name,
    builderName: d.project.builderName ?? '',
    applicantIdNumber: '',
    reason: '',
  };
  const field = (key: CorrectablePartyField, extra: { placeholder?: string; max: number }) => (
    <Form.Item name={key} label={CORRECTABLE_PARTY_LABELS[key]} style={{ marginBottom: 8 }}>
      <Input maxLength={extra.max} placeholder={extra.placeholder} aria-label={CORRECTABLE_PARTY_LABELS[key]} />
    </Form.Item>
  );
  return (
    <ActionModal<Values>
      open
      onClose={onClose}
      title="更正申请人信息"
      submitText="保存更正"
      testId="dialog-correct-parties"
      width={620}
      initialValues={initial}
      onSubmit={async (v) => {
        // Only what differs from the case is sent: an untouched box is not a correction.
        const changed: Partial<Record<CorrectablePartyField, string>> = {};
        for (const key of Object.keys(CORRECTABLE_PARTY_LABELS) as CorrectablePartyField[]) {
          const now = (v[key] ?? '').trim();
          if (now !== '' && now !== (initial[key] ?? '')) changed[key] = now;
        }
        const r = await act('cases.correctParties', { caseId: d.id, ...changed, reason: v.reason.trim() });
        onDone(r.changed.map((c) => c.label));
      }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        更正后本次申请的全部办件同时更正，原内容和更正原因记入办理记录；已打印的文书请在“文书”中补打。
      </Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
        {field('applicantName', { max: 30 })}
        {field('applicantPhone', { max: 20 })}
        {field('applicantIdNumber', { max: 18, placeholder: `如需更正请填写完整号码（现为 ${d.applicant.idNumberMasked || '未登记'}）` })}
        {field('agentName', { max: 30 })}
        {field('agentPhone', { max: 20 })}
        {field('projectName', { max: 60 })}
        {field('builderName', { max: 60 })}
      </div>
      <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请选择或填写更正原因' }]}>
        <AutoComplete options={REASONS.map((r) => ({ value: r }))} aria-label="更正原因" maxLength={200} placeholder="选择或填写" />
      </Form.Item>
    </ActionModal>
  );
}
