import { Alert, App, Button, Card, Form, Input, Select, Space, Switch, Table } from 'antd';
import { ROLE_LABELS, ROLES } from '../../../shared/api/contract-kit';
import type { UserView } from '../../../shared/api/session';
import { useApi, useApiMutation } from '../api/hooks';

/** Administrators open accounts for clerks, reviewers and leaders. */
export function UsersScreen() {
  const users = useApi('session.listUsers', {});
  const create = useApiMutation('session.createUser', ['session.listUsers']);
  const disable = useApiMutation('session.setUserDisabled', ['session.listUsers']);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="新建用户">
        <Form
          form={form}
          layout="inline"
          size="small"
          initialValues={{ role: 'clerk' }}
          onFinish={async (v: { username: string; displayName: string; password: string; role: UserView['role']; department?: string }) => {
            await create.mutateAsync({ ...v, department: v.department || null });
            form.resetFields();
            message.success('用户已创建');
          }}
        >
          <Form.Item name="username" rules={[{ required: true, message: '用户名' }]}>
            <Input placeholder="用户名" />
          </Form.Item>
          <Form.Item name="displayName" rules={[{ required: true, message: '姓名' }]}>
            <Input placeholder="姓名" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, min: 8, message: '至少8位' }]}>
            <Input.Password placeholder="初始密码" autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role">
            <Select style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="department">
            <Input placeholder="所属部门（领导必填）" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            创建
          </Button>
        </Form>
        {create.error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={create.error.message} />}
      </Card>
      <Card size="small" title="用户">
        <Table<UserView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={users.data ?? []}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', render: (r: UserView['role']) => ROLE_LABELS[r] },
            { title: '部门', dataIndex: 'department' },
            {
              title: '启用',
              dataIndex: 'disabled',
              render: (d: boolean, u) => <Switch size="small" checked={!d} onChange={(on) => disable.mutate({ userId: u.id, disabled: !on })} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
