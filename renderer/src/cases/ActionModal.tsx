import { Alert, Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { AppError } from '../../../shared/api/errors';

export interface ActionModalProps<V> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** Throws AppError on refusal: its Chinese message is shown in the dialog. */
  onSubmit: (values: V) => Promise<void>;
  submitText: string;
  initialValues?: Partial<V>;
  width?: number;
  danger?: boolean;
  form?: FormInstance<V>;
  children: ReactNode;
  testId?: string;
}

/**
 * One compact dialog per case action. The buttons live inside the form so Enter submits and Esc
 * closes; a refusal from the Node side stays in the dialog with its message so nothing typed is lost.
 */
export function ActionModal<V extends object>({
  title,
  open,
  onClose,
  onSubmit,
  submitText,
  initialValues,
  width = 560,
  danger,
  form,
  children,
  testId,
}: ActionModalProps<V>) {
  const [own] = Form.useForm<V>();
  const f = form ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      if (e instanceof AppError) {
        setError(e.message);
        if (e.details?.length) {
          f.setFields(
            e.details
              .filter((d) => d.path)
              .map((d) => ({ name: d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [d.message] })) as never,
          );
        }
      } else {
        setError('操作未完成：请重试；仍不成功请联系系统管理员');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      footer={null}
      width={width}
      destroyOnHidden
      maskClosable={false}
      data-testid={testId}
    >
      <Form<V> form={f} layout="vertical" size="small" initialValues={initialValues} onFinish={(v) => void finish(v)} requiredMark={false}>
        {children}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="action-error" />}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>
            取消<span className="ow-kbd">Esc</span>
          </Button>
          <Button type="primary" danger={danger} htmlType="submit" loading={busy}>
            {submitText}
            <span className="ow-kbd" style={{ color: 'inherit', borderColor: 'currentColor' }}>
              Enter
            </span>
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
