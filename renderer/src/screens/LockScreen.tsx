import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { UserView } from '../../../shared/api/session';
import { useApiMutation } from '../api/hooks';

/** Covers the workspace after the idle time: applicant data stays hidden until unlocked. */
export function LockScreen({ user }: { user: UserView }) {
  const qc = useQueryClient();
  const unlock = useApiMutation('session.unlock');
  const logout = useApiMutation('session.logout');
  return (
    <Modal
      open
      closable={false}
      footer={null}
      maskClosable={false}
      keyboard={false}
      title="工作站已锁定"
      styles={{ mask: { backdropFilter: 'blur(8px)', background: 'rgba(20,30,50,0.75)' } }}
    >
      <Typography.Paragraph>
        {user.displayName}（{user.username}）已离开一段时间，请输入密码继续办理。
      </Typography.Paragraph>
      <Form
        layout="vertical"
        requiredMark={false}
        onFinish={async (v: { password: string }) => {
          await unlock.mutateAsync(v);
          await qc.invalidateQueries();
        }}
      >
        <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoFocus placeholder="密码" />
        </Form.Item>
        {unlock.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={unlock.error.message} />}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="primary" htmlType="submit" loading={unlock.isPending}>
            解锁
          </Button>
          <Button
            onClick={async () => {
              await logout.mutateAsync({});
              await qc.invalidateQueries();
            }}
          >
            换人登录
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
