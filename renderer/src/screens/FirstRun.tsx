import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { SystemInfo } from '../../../shared/api/system';
import { useApiMutation } from '../api/hooks';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** The very first start: create the administrator, then log in as them. */
export function FirstRun({ info }: { info: SystemInfo }) {
  const qc = useQueryClient();
  const setup = useApiMutation('session.setupAdmin');
  const login = useApiMutation('session.login');
  const onFinish = async (v: Values) => {
    await setup.mutateAsync({ username: v.username, displayName: v.displayName, password: v.password });
    await login.mutateAsync({ username: v.username, password: v.password });
    await qc.invalidateQueries();
  };
  return (
    <div className="ow-center">
      <Card style={{ width: 440 }} title="一窗通 · 首次使用">
        <Typography.Paragraph type="secondary">
          本工作站尚无账号。请创建系统管理员账号，之后可在“用户管理”中为窗口人员和部门领导开户。
        </Typography.Paragraph>
        {info.mode === 'training' && (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            showIcon
            message="当前为培训模式：未配置的设备显示为“未配置”，不会产生任何虚构数据。"
          />
        )}
        <Form<Values> layout="vertical" onFinish={onFinish} autoComplete="off" requiredMark={false}>
          <Form.Item
            label="管理员用户名"
            name="username"
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '2-32位字母、数字、下划线、点或短横线' },
            ]}
          >
            <Input autoFocus placeholder="如 admin" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input placeholder="管理员姓名" />
          </Form.Item>
          <Form.Item
            label="密码"
            name="password"
            rules={[
              { required: true, message: '请输入密码' },
              { min: 8, message: '密码至少8位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirm"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {setup.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={setup.error.message} />}
          <Button type="primary" htmlType="submit" block loading={setup.isPending || login.isPending}>
            创建管理员并登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          数据目录：{info.dataDir}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
