import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/api/contract-kit';
import type { UserView } from '../../../shared/api/session';
import { useApi, useApiMutation } from '../api/hooks';

/** Reviewers and leaders act only on their department's cases, so they must belong to one. */
const NEEDS_DEPARTMENT: readonly Role[] = ['reviewer', 'leader'];

type DepartmentOption = { value: string; label: string };

function DepartmentSelect(props: {
  options: DepartmentOption[];
  value?: string | null;
  onChange?: (v: string | null) => void;
  label: string;
}) {
  return (
    <Select
      aria-label={props.label}
      style={{ width: 200 }}
      placeholder="所属部门"
      showSearch
      allowClear
      optionFilterProp="label"
      options={props.options}
      value={props.value ?? undefined}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
    />
  );
}

/** Administrators open, edit and disable accounts; accounts are never deleted, so the journal keeps its actors. */
export function UsersScreen() {
  const users = useApi('session.listUsers', {});
  const departments = useApi('session.departments', {});
  const create = useApiMutation('session.createUser', ['session.listUsers']);
  const disable = useApiMutation('session.setUserDisabled', ['session.listUsers']);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const { message } = App.useApp();
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.name, label: d.name }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="新建用户">
        <Form
          form={form}
          layout="inline"
          size="small"
          initialValues={{ role: 'clerk' }}
          onFinish={async (v: { username: string; displayName: string; password: string; role: Role; department?: string | null }) => {
            await create.mutateAsync({ ...v, department: NEEDS_DEPARTMENT.includes(v.role) ? (v.department ?? null) : null });
            form.resetFields();
            message.success('用户已创建');
          }}
        >
          <Form.Item name="username" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input placeholder="用户名" aria-label="用户名" />
          </Form.Item>
          <Form.Item name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input placeholder="姓名" aria-label="姓名" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, min: 8, message: '初始密码至少8位' }]}>
            <Input.Password placeholder="初始密码" aria-label="初始密码" autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role">
            <Select aria-label="角色" style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          {role !== undefined && NEEDS_DEPARTMENT.includes(role) && (
            <Form.Item name="department" rules={[{ required: true, message: '审核人员和部门领导须选择所属部门' }]}>
              <DepartmentSelect options={departmentOptions} label="所属部门" />
            </Form.Item>
          )}
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
            { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
            {
              title: '部门',
              dataIndex: 'department',
              render: (d: string | null, u) => d ?? (NEEDS_DEPARTMENT.includes(u.role) ? <Tag color="red">未设置部门</Tag> : '—'),
            },
            {
              title: '启用',
              dataIndex: 'disabled',
              render: (d: boolean, u) => (
                <Switch
                  size="small"
                  aria-label={`启用 ${u.username}`}
                  checked={!d}
                  onChange={(on) =>
                    disable.mutate(
                      { userId: u.id, disabled: !on },
                      {
                        onSuccess: () => message.success(on ? `已启用 ${u.displayName}` : `已停用 ${u.displayName}，该账号不能再登录`),
                        onError: (e) => message.error(e.message),
                      },
                    )
                  }
                />
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, u) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(u)} aria-label={`编辑 ${u.username}`}>
                    编辑
                  </Button>
                  <Button size="small" onClick={() => setResetting(u)} aria-label={`重置密码 ${u.username}`}>
                    重置密码
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && <EditUser user={editing} departments={departmentOptions} onClose={() => setEditing(null)} />}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}

function EditUser(props: { user: UserView; departments: DepartmentOption[]; onClose(): void }) {
  const update = useApiMutation('session.updateUser', ['session.listUsers']);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  const { message } = App.useApp();
  const save = async () => {
    const v = (await form.validateFields()) as { displayName: string; role: Role; department?: string | null };
    await update.mutateAsync({
      userId: props.user.id,
      displayName: v.displayName,
      role: v.role,
      department: NEEDS_DEPARTMENT.includes(v.role) ? (v.department ?? null) : null,
    });
    message.success(`已保存 ${v.displayName} 的账号信息`);
    props.onClose();
  };
  return (
    <Modal
      open
      title={`编辑用户 ${props.user.username}`}
      okText="保存"
      cancelText="取消"
      onOk={() => void save().catch(() => undefined)}
      onCancel={props.onClose}
      confirmLoading={update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ displayName: props.user.displayName, role: props.user.role, department: props.user.department }}
      >
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input aria-label="编辑姓名" />
        </Form.Item>
        <Form.Item label="角色" name="role">
          <Select aria-label="编辑角色" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {role !== undefined && NEEDS_DEPARTMENT.includes(role) && (
          <Form.Item label="所属部门" name="department" rules={[{ required: true, message: '审核人员和部门领导须选择所属部门' }]}>
            <DepartmentSelect options={props.departments} label="编辑所属部门" />
          </Form.Item>
        )}
      </Form>
      {update.error && <Alert type="error" showIcon message={update.error.message} />}
    </Modal>
  );
}

function ResetPassword(props: { user: UserView; onClose(): void }) {
  const reset = useApiMutation('session.resetPassword', ['session.listUsers']);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const save = async () => {
    const v = (await form.validateFields()) as { newPassword: string };
    await reset.mutateAsync({ userId: props.user.id, newPassword: v.newPassword });
    message.success(`已为 ${props.user.displayName} 设置新密码，请当面告知本人并提醒登录后修改`);
    props.onClose();
  };
  return (
    <Modal
      open
      title={`重置 ${props.user.displayName} 的密码`}
      okText="重置"
      cancelText="取消"
      onOk={() => void save().catch(() => undefined)}
      onCancel={props.onClose}
      confirmLoading={reset.isPending}
    >
      {props.user.role === 'leader' && (
        <Alert
          style={{ marginBottom: 8 }}
          type="warning"
          showIcon
          message="领导的签名密钥以原密码保护：重置后须在“签名密钥”中为其重新配置密钥，才能用密码签名。"
        />
      )}
      <Form form={form} layout="vertical" size="small">
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, min: 8, message: '新密码至少8位' }]}>
          <Input.Password aria-label="新密码" autoComplete="new-password" />
        </Form.Item>
      </Form>
      {reset.error && <Alert type="error" showIcon message={reset.error.message} />}
    </Modal>
  );
}
