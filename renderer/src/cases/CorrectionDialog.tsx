import { Alert, AutoComplete, Button, Form, Input, Select, Space, Typography } from 'antd';
import { MATERIAL_FORMS, type CaseDetail, type CorrectionItem } from '../../../shared/api/cases';
import { useCaseAction } from './useCaseAction';
import { ActionModal } from './ActionModal';
import { addCalendarDays, todayIso } from './presentation';

interface Row {
  name: string;
  problem: string;
  form: (typeof MATERIAL_FORMS)[number];
  dueBy: string;
}

/**
 * 一次性告知 (行政许可法 art. 32): every missing or flawed material in one notice, because the
 * law allows it once. The clerk adds rows until the list is complete, then sends it all.
 */
export function CorrectionDialog({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const known = detail.materials.map((m) => ({ value: m.name, code: m.code }));
  const act = useCaseAction();
  const blank = (): Row => ({ name: '', problem: '', form: '原件', dueBy: addCalendarDays(todayIso(), 7) });
  const codeFor = (name: string, i: number) => known.find((k) => k.value === name)?.code ?? `BZ-${String(i + 1).padStart(2, '0')}`;

  const submit = async (v: { items: Row[] }) => {
    const items: CorrectionItem[] = v.items.map((r, i) => ({
      code: codeFor(r.name.trim(), i),
      name: r.name.trim(),
      problem: r.problem.trim(),
      form: r.form,
      dueBy: r.dueBy,
    }));
    await act('cases.requestCorrection', { caseId: detail.id, items });
    onDone();
  };

  return (
    <ActionModal<{ items: Row[] }>
      title="一次性告知补正"
      open={open}
      onClose={onClose}
      onSubmit={submit}
      submitText="出具一次性告知"
      initialValues={{ items: [blank()] }}
      width={860}
      testId="dialog-correction"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        title="依法只能告知一次：请把所有缺少或不符合要求的材料一次列全。"
        description={`告知期限：收件后5个工作日内（收件日 ${detail.acceptedOn ?? '—'}）；逾期未告知的，自收件之日起即视为受理。补正期间审批时限暂停计算。`}
      />
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            <Space size={4} style={{ display: 'flex', fontSize: 12, color: '#8c8c8c', marginBottom: 2 }}>
              <span style={{ width: 200, display: 'inline-block' }}>材料</span>
              <span style={{ width: 290, display: 'inline-block' }}>存在的问题</span>
              <span style={{ width: 120, display: 'inline-block' }}>提交形式</span>
              <span style={{ width: 140, display: 'inline-block' }}>补正期限</span>
            </Space>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" size={4} style={{ display: 'flex' }} data-testid={`correction-row-${i}`}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}
                  style={{ width: 200, marginBottom: 6 }}
                >
                  <AutoComplete
                    options={known}
                    placeholder="材料名称"
                    aria-label={`材料${i + 1}`}
                    filterOption={(input, o) => (o?.value ?? '').includes(input)}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'problem']}
                  rules={[{ required: true, whitespace: true, message: '请写明问题' }]}
                  style={{ width: 290, marginBottom: 6 }}
                >
                  <Input placeholder="如：缺少、未盖章、已过期" aria-label={`问题${i + 1}`} maxLength={300} />
                </Form.Item>
                <Form.Item name={[field.name, 'form']} style={{ width: 120, marginBottom: 6 }}>
                  <Select options={MATERIAL_FORMS.map((f) => ({ value: f, label: f }))} aria-label={`形式${i + 1}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'dueBy']}
                  rules={[{ required: true, message: '请选择期限' }]}
                  style={{ width: 140, marginBottom: 6 }}
                >
                  <Input type="date" aria-label={`期限${i + 1}`} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  disabled={fields.length === 1}
                  onClick={() => remove(field.name)}
                  aria-label={`删除第${i + 1}项`}
                >
                  删除
                </Button>
              </Space>
            ))}
            <Button type="dashed" block onClick={() => add(blank())} style={{ marginBottom: 8 }}>
              + 再添加一项材料
            </Button>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              共 {fields.length} 项，出具后申请人凭告知书一次补齐。
            </Typography.Text>
          </>
        )}
      </Form.List>
    </ActionModal>
  );
}
