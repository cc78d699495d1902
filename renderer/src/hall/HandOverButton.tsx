import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WINDOW_ROLE_LABELS } from '../../../shared/protocol/enrolment';
import { useApi, useApiMutation } from '../api/hooks';
import { useHallStatus } from './useHallStatus';

/**
 * 移交 on the case page: hands the case to another window of the hall (the hall checks this
 * window holds it; the hand-over is journaled here and on the hall). Shown only when enrolled.
 */
export function HandOverButton({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const status = useHallStatus();
  const [open, setOpen] = useState(false);
  if (!status.data?.enrolled || status.data.revoked) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="hand-over">
        移交其他窗口
      </Button>
      {open && <HandOverDialog caseId={caseId} caseNumber={caseNumber} onClose={() => setOpen(false)} />}
    </>
  );
}

function HandOverDialog({ caseId, caseNumber, onClose }: { caseId: string; caseNumber: string; onClose: () => void }) {
  const windows = useApi('hall.windows', {});
  const handOver = useApiMutation('hall.handOver', ['hall.worklist', 'cases.get']);
  const qc = useQueryClient();
  const [form] = Form.useForm<{ toWorkstation: string; note?: string }>();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    await handOver.mutateAsync({ caseId, toWorkstation: v.toWorkstation, note: v.note?.trim() || null });
    void qc.invalidateQueries({ queryKey: ['cases.get'] });
    const target = windows.data?.find((w) => w.workstationId === v.toWorkstation);
    message.success(`办件 ${caseNumber} 已移交${target ? `给${target.windowName}` : ''}`);
    onClose();
  };
  return (
    <Modal
      open
      title={`移交办件 ${caseNumber}`}
      okText="移交"
      cancelText="取消"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={handOver.isPending}
      onCancel={onClose}
    >
      {windows.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={windows.error.message} />}
      <Form form={form} layout="vertical" size="small">
        <Form.Item label="移交给" name="toWorkstation" rules={[{ required: true, message: '请选择接收的窗口' }]}>
          <Select
            loading={windows.isLoading}
            data-testid="hand-over-target"
            options={(windows.data ?? []).map((w) => ({
              value: w.workstationId,
              label: `${w.windowName}（${WINDOW_ROLE_LABELS[w.role]}${w.department ? `，${w.department}` : ''}）${w.online ? '' : ' · 离线'}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="移交说明" name="note" rules={[{ max: 200, message: '说明最多200字' }]}>
          <Input.TextArea rows={2} placeholder="如：申请人改到12号窗口办理" data-testid="hand-over-note" />
        </Form.Item>
      </Form>
      {handOver.error && <Alert type="error" showIcon message={handOver.error.message} />}
    </Modal>
  );
}
