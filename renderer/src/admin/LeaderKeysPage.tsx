import { shanghaiDateTime } from '../../../shared/domain/time';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { LeaderKeyView } from '../../../shared/api/signing';
import { useUsers } from '../api/queries/session';
import { useLeaderKeys, useProvisionKey } from '../api/queries/signing';

interface Provision {
  userId: string;
  credential: string;
  idNumber?: string;
  pin?: string;
}

/**
 * 签名密钥: the administrator creates a leader's SM2 key while the leader is present and types
 * their own password (the key is sealed under it); optionally the leader's ID card + a PIN.
 */
export function LeaderKeysPage() {
  const users = useUsers();
  const keys = useLeaderKeys();
  const [form] = Form.useForm<Provision>();
  const provisioning = useProvisionKey();
  const made: LeaderKeyView | undefined = provisioning.data;
  const leaders = (users.data ?? []).filter((u) => u.role === 'leader' && !u.disabled);

  const provision = (v: Provision) => {
    const idNumber = v.idNumber?.trim();
    provisioning.mutate(
      { userId: v.userId, credential: v.credential, ...(idNumber ? { idNumber, pin: v.pin ?? '' } : {}) },
      { onSuccess: () => form.resetFields() },
    );
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="leader-keys">
      <Card size="small" title="配置领导签名密钥（领导本人在场）">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          密钥在本工作站生成，私钥仅以领导的登录密码（及可选的身份证 + PIN）加密保存。重新配置会替换该领导原有的密钥。
        </Typography.Paragraph>
        <Form<Provision> form={form} layout="inline" size="small" onFinish={provision} requiredMark={false} style={{ rowGap: 8 }}>
          <Form.Item name="userId" rules={[{ required: true, message: '请选择领导' }]}>
            <Select
              placeholder="选择领导"
              style={{ width: 180 }}
              options={leaders.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
              aria-label="领导"
            />
          </Form.Item>
          <Form.Item name="credential" rules={[{ required: true, message: '请领导输入登录密码' }]}>
            <Input.Password placeholder="领导本人输入登录密码" style={{ width: 190 }} autoComplete="off" aria-label="领导密码" />
          </Form.Item>
          <Form.Item name="idNumber">
            <Input placeholder="身份证号（可选）" style={{ width: 190 }} autoComplete="off" aria-label="领导身份证号" />
          </Form.Item>
          <Form.Item
            name="pin"
            dependencies={['idNumber']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  (getFieldValue('idNumber') as string | undefined)?.trim() && !value
                    ? Promise.reject(new Error('填写身份证号时请设置 PIN'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password
              placeholder="PIN 6-12位数字"
              style={{ width: 150 }}
              inputMode="numeric"
              maxLength={12}
              autoComplete="off"
              aria-label="PIN"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={provisioning.isPending}>
            生成签名密钥
          </Button>
        </Form>
        {provisioning.error && (
          <Alert type="error" showIcon title={provisioning.error.message || '配置失败，请重试'} style={{ marginTop: 8 }} />
        )}
        {made && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="key-made"
            title={`已为 ${made.displayName} 生成签名密钥`}
            description={`公钥指纹 ${made.fingerprint}：请领导核对并记录，验证签名时可据此确认。`}
          />
        )}
      </Card>
      <Card size="small" title="在用的领导签名密钥">
        <Table<LeaderKeyView>
          size="small"
          rowKey="keyId"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          pagination={false}
          columns={[
            { title: '领导', dataIndex: 'displayName', width: 100 },
            { title: '用户名', dataIndex: 'username', width: 120 },
            { title: '部门', dataIndex: 'department', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: '指纹', dataIndex: 'fingerprint', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '身份证+PIN', dataIndex: 'hasPin', width: 100, render: (v: boolean) => (v ? '已设置' : '—') },
            {
              title: '状态',
              dataIndex: 'locked',
              width: 90,
              render: (v: boolean) => (v ? <Tag color="red">已锁定</Tag> : <Tag color="green">可用</Tag>),
            },
            { title: '生成时间', dataIndex: 'createdAt', width: 160, render: (v: string) => shanghaiDateTime(v, { seconds: true }) },
          ]}
        />
      </Card>
    </Space>
  );
}
