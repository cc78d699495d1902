import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { WINDOW_ROLE_LABELS } from '../../../shared/protocol/enrolment';
import { useApiMutation } from '../api/hooks';
import { useHallStatus } from './useHallStatus';

/**
 * 工位设置 → 登记到大厅: the hall address and the one-time code the hall admin issued. The hall
 * answers with this window's id, secret and role; the secret never reaches the screen.
 */
export function HallEnrolment() {
  const status = useHallStatus();
  const qc = useQueryClient();
  const enrol = useApiMutation('hall.enrol', ['hall.status', 'settings.get', 'sync.status', 'system.info']);
  const [form] = Form.useForm<{ url: string; code: string }>();
  const { message } = App.useApp();
  const s = status.data;

  const onFinish = async (v: { url: string; code: string }) => {
    const r = await enrol.mutateAsync(v);
    form.setFieldValue('code', '');
    void qc.invalidateQueries();
    message.success(`已登记到${r.hallName ?? '大厅'}：${r.windowName ?? ''}（${r.role ? WINDOW_ROLE_LABELS[r.role] : ''}）`);
  };

  return (
    <Card size="small" title="登记到大厅" style={{ marginBottom: 12 }} data-testid="hall-enrolment">
      {s?.revoked && <Alert style={{ marginBottom: 8 }} type="error" showIcon message={s.revoked} data-testid="hall-revoked" />}
      {s?.enrolled && (
        <Descriptions size="small" column={4} bordered style={{ marginBottom: 8 }} data-testid="hall-assignment">
          <Descriptions.Item label="大厅">{s.hallName}</Descriptions.Item>
          <Descriptions.Item label="窗口">{s.windowName}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <span data-testid="hall-role">{s.role ? WINDOW_ROLE_LABELS[s.role] : ''}</span>
            {s.department ? `（${s.department}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="实时推送">{s.pushConnected ? <Tag color="green">已连接</Tag> : <Tag>未连接</Tag>}</Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical" size="small" onFinish={onFinish} initialValues={{ url: s?.hallUrl ?? '' }}>
        <Row gutter={8} align="bottom">
          <Col span={10}>
            <Form.Item label="大厅服务器地址" name="url" rules={[{ required: true, message: '请填写大厅服务器地址' }]}>
              <Input placeholder="如 http://192.168.10.5:8780" data-testid="hall-url" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="一次性登记码" name="code" rules={[{ required: true, message: '请填写大厅管理员给出的登记码' }]}>
              <Input placeholder="如 K7QX-M4RT-9HWC" autoComplete="off" data-testid="hall-code" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={enrol.isPending} data-testid="hall-enrol">
                {s?.enrolled ? '重新登记' : '登记'}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {enrol.error && <Alert type="error" showIcon message={enrol.error.message} data-testid="hall-enrol-error" />}
    </Card>
  );
}
