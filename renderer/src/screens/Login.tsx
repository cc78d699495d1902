import { Alert, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { SystemInfo } from '../../../shared/api/system';
import { useApiMutation } from '../api/hooks';

export function Login({ info }: { info: SystemInfo }) {
  const qc = useQueryClient();
  const login = useApiMutation('session.login');
  return (
    <div className="ow-center">
      <Card style={{ width: 380 }} title={<span>一窗通 · 登录 {info.mode === 'training' && <Tag color="orange">培训模式</Tag>}</span>}>
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={async (v: { username: string; password: string }) => {
            await login.mutateAsync(v);
            await qc.invalidateQueries();
          }}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {login.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={login.error.message} />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          版本 {info.version} · {info.hostKind === 'electron' ? '桌面版' : '浏览器宿主'}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
