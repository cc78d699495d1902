import { Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { SPECIAL_PROCEDURES, type CaseDetail } from '../../../shared/api/cases';
import type { CaseAction } from '../../../shared/domain/lifecycle/case-actions';
import { useCaseAction } from './useCaseAction';
import { ActionModal } from './ActionModal';
import { CorrectionDialog } from './CorrectionDialog';
import { SupplementDialog } from './SupplementDialog';

export type DialogAction = Exclude<CaseAction, 'sign'>;

interface Props {
  action: DialogAction;
  detail: CaseDetail;
  onClose: () => void;
  onDone: () => void;
}

const DEFAULT_LEGAL_BASIS = '《中华人民共和国行政许可法》第三十二条第一款';
const OPINIONS = {
  approve: '经审查，申请材料齐全，符合法定条件、标准，同意准予许可。',
  deny: '经审查，申请不符合法定条件、标准，不予许可。',
} as const;

/** The dialog behind each button on the case page; refusals stay in the dialog with their message. */
export function CaseActionDialog({ action, detail, onClose, onDone }: Props) {
  const id = detail.id;
  const common = { open: true, onClose } as const;
  const act = useCaseAction();
  switch (action) {
    case 'requestCorrection':
      return <CorrectionDialog detail={detail} {...common} onDone={onDone} />;
    case 'reject':
      return (
        <ActionModal<{ reasons: string; legalBasis: string; reconsiderationBody: string; court: string }>
          {...common}
          title="不予受理"
          submitText="出具不予受理决定"
          danger
          testId="dialog-reject"
          initialValues={{ legalBasis: DEFAULT_LEGAL_BASIS, reconsiderationBody: '本级人民政府', court: '所在地人民法院' }}
          onSubmit={async (v) => {
            const reasons = v.reasons
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean);
            await act('cases.reject', {
              caseId: id,
              reasons,
              legalBasis: v.legalBasis,
              remedies: { reconsiderationBody: v.reconsiderationBody, court: v.court },
            });
            onDone();
          }}
        >
          <Form.Item
            name="reasons"
            label="不予受理理由（每行一条）"
            rules={[{ required: true, whitespace: true, message: '请写明不予受理的理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} autoFocus />
          </Form.Item>
          <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true, whitespace: true, message: '请填写法律依据' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label="申请人的救济途径" style={{ marginBottom: 4 }}>
            <Typography.Text type="secondary">
              如不服本决定，可自收到之日起六十日内向下列机关申请行政复议，或者六个月内向下列法院提起行政诉讼。
            </Typography.Text>
          </Form.Item>
          <Form.Item
            name="reconsiderationBody"
            label="行政复议机关"
            rules={[{ required: true, whitespace: true, message: '请填写行政复议机关' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="court" label="行政诉讼法院" rules={[{ required: true, whitespace: true, message: '请填写人民法院' }]}>
            <Input maxLength={60} />
          </Form.Item>
        </ActionModal>
      );
    case 'supplement':
      return <SupplementDialog detail={detail} onClose={onClose} onDone={onDone} />;
    case 'startSpecialProcedure':
      return (
        <ActionModal<{ kind: (typeof SPECIAL_PROCEDURES)[number]; expectedWorkdays?: number; note?: string }>
          {...common}
          title="开始特别程序"
          submitText="开始（暂停计时）"
          testId="dialog-special-start"
          initialValues={{ kind: '专家评审' }}
          onSubmit={async (v) => {
            await act('cases.startSpecialProcedure', {
              caseId: id,
              kind: v.kind,
              ...(v.expectedWorkdays ? { expectedWorkdays: v.expectedWorkdays } : {}),
              ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            });
            onDone();
          }}
        >
          <Typography.Paragraph type="secondary">
            听证、检测、专家评审等所需时间不计入审批时限（行政许可法第四十五条），并应书面告知申请人所需时间。
          </Typography.Paragraph>
          <Form.Item name="kind" label="程序">
            <Select options={SPECIAL_PROCEDURES.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="expectedWorkdays" label="预计工作日">
            <InputNumber min={1} max={365} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={200} />
          </Form.Item>
        </ActionModal>
      );
    case 'endSpecialProcedure':
      return (
        <ActionModal<{ outcome?: string }>
          {...common}
          title="结束特别程序"
          submitText="结束（恢复计时）"
          testId="dialog-special-end"
          onSubmit={async (v) => {
            await act('cases.endSpecialProcedure', { caseId: id, ...(v.outcome?.trim() ? { outcome: v.outcome.trim() } : {}) });
            onDone();
          }}
        >
          <Form.Item name="outcome" label="结果">
            <Input maxLength={300} autoFocus />
          </Form.Item>
        </ActionModal>
      );
    case 'extend':
      return (
        <ActionModal<{ workdays: number; reason: string }>
          {...common}
          title="延期"
          submitText="批准延期"
          testId="dialog-extend"
          initialValues={{ workdays: 5 }}
          onSubmit={async (v) => {
            await act('cases.extend', { caseId: id, workdays: v.workdays, reason: v.reason });
            onDone();
          }}
        >
          <Typography.Paragraph type="secondary">
            法定延长上限：一般10个工作日，联合办理15个工作日；须写明理由并告知申请人。
          </Typography.Paragraph>
          <Form.Item name="workdays" label="延长工作日" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={1} max={15} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请写明延期理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} />
          </Form.Item>
        </ActionModal>
      );
    case 'decide':
      return <DecideDialog {...common} detail={detail} onDone={onDone} />;
    case 'issue':
      return (
        <ActionModal<{ documentNumber?: string; elicenceId?: string; validUntil?: string }>
          {...common}
          title="出件"
          submitText="确认出件"
          testId="dialog-issue"
          onSubmit={async (v) => {
            await act('cases.issue', {
              caseId: id,
              ...(v.documentNumber?.trim() ? { documentNumber: v.documentNumber.trim() } : {}),
              ...(v.elicenceId?.trim() ? { elicenceId: v.elicenceId.trim() } : {}),
              ...(v.validUntil ? { validUntil: v.validUntil } : {}),
            });
            onDone();
          }}
        >
          <Typography.Paragraph type="secondary">请核对申请人身份后交付结果文书；出件后可邀请申请人评价。</Typography.Paragraph>
          <Form.Item name="documentNumber" label="文书编号（可选）">
            <Input maxLength={40} autoFocus />
          </Form.Item>
          <Form.Item name="elicenceId" label="电子证照标识（可选）">
            <Input placeholder="1.2.156.3005.2.…" maxLength={200} />
          </Form.Item>
          <Form.Item name="validUntil" label="有效期至（可选）">
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
        </ActionModal>
      );
    case 'withdraw':
      return (
        <ActionModal<{ reason: string }>
          {...common}
          title="撤回申请"
          submitText="确认撤回"
          danger
          testId="dialog-withdraw"
          initialValues={{ reason: '申请人主动申请撤回' }}
          onSubmit={async (v) => {
            await act('cases.withdraw', { caseId: id, reason: v.reason });
            onDone();
          }}
        >
          <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请写明撤回原因' }]}>
            <Input maxLength={300} autoFocus />
          </Form.Item>
        </ActionModal>
      );
    case 'recordFee':
      return (
        <ActionModal<{ amountYuan: number; basis: string; paymentRef: string }>
          {...common}
          title="登记收费"
          submitText="登记"
          testId="dialog-fee"
          onSubmit={async (v) => {
            await act('cases.recordFee', {
              caseId: id,
              amountFen: Math.round(v.amountYuan * 100),
              basis: v.basis,
              paymentRef: v.paymentRef,
            });
            onDone();
          }}
        >
          <Form.Item name="amountYuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0.01} max={100_000_000} precision={2} prefix="¥" style={{ width: 200 }} autoFocus />
          </Form.Item>
          <Form.Item name="basis" label="收费依据" rules={[{ required: true, whitespace: true, message: '请填写收费依据' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="paymentRef" label="缴款凭证号" rules={[{ required: true, whitespace: true, message: '请填写缴款凭证号' }]}>
            <Input maxLength={64} />
          </Form.Item>
        </ActionModal>
      );
  }
}

function DecideDialog({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: 'approve' | 'deny'; opinion: string }>();
  const act = useCaseAction();
  return (
    <ActionModal<{ decision: 'approve' | 'deny'; opinion: string }>
      open={open}
      onClose={onClose}
      form={form}
      title={`部门决定 · ${detail.itemName}`}
      submitText="作出决定"
      testId="dialog-decide"
      initialValues={{ decision: 'approve', opinion: OPINIONS.approve }}
      onSubmit={async (v) => {
        await act('cases.decide', { caseId: detail.id, decision: v.decision, opinion: v.opinion });
        onDone();
      }}
    >
      <Form.Item name="decision" label="决定">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'approve', label: '准予许可' },
            { value: 'deny', label: '不予许可' },
          ]}
          onChange={(e) => {
            const current = form.getFieldValue('opinion') as string | undefined;
            // Swap the stock opinion only if the reviewer has not written their own.
            if (!current || Object.values(OPINIONS).includes(current as (typeof OPINIONS)['approve']))
              form.setFieldValue('opinion', OPINIONS[e.target.value as 'approve' | 'deny']);
          }}
        />
      </Form.Item>
      <Form.Item name="opinion" label="审查意见" rules={[{ required: true, whitespace: true, message: '请填写审查意见' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}
