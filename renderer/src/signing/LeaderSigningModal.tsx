import { shanghaiTime } from '../../../shared/domain/time';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError } from '../../../shared/api/errors';
import type { IdCard } from '../../../shared/domain/idcard/card';
import { api } from '../api/client';
import { useApi, useApiEvent, useApiMutation } from '../api/hooks';
import { SignaturePad } from './SignaturePad';

interface Ticket {
  ticket: string;
  expiresAt: string;
  leader: { userId: string; displayName: string; department: string | null };
  fingerprint: string;
}
interface Signed {
  caseId: string;
  caseNumber: string;
  reference: string;
}

function messageOf(e: unknown): string {
  return e instanceof AppError ? e.message : '操作未完成，请重试；仍不成功请联系系统管理员';
}

/**
 * 领导签批 at the clerk's window: the leader steps up with their own credential (the clerk stays
 * logged in), reads each case and ticks 已阅, may add a handwritten signature, and signs. The
 * SM2 key is unlocked on the Node side only for this act; closing the dialog wipes the ticket.
 */
export function LeaderSigningModal({ caseIds, onClose, onSigned }: { caseIds: string[]; onClose: () => void; onSigned: () => void }) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [seen, setSeen] = useState<Set<string>>(new Set());
  const [image, setImage] = useState<string | null>(null);
  const signing = useApiMutation('cases.signAtWindow', ['cases.get', 'cases.list']);
  const [error, setError] = useState<string | null>(null);
  const [signed, setSigned] = useState<Signed[] | null>(null);
  const live = useRef<string | null>(null);
  live.current = signed ? null : (ticket?.ticket ?? null);

  // An unlocked key must not outlive the dialog.
  useEffect(() => () => void (live.current && api.call('signing.cancel', { ticket: live.current }).catch(() => undefined)), []);

  const sign = async () => {
    if (!ticket) return;
    setError(null);
    try {
      const r = await signing.mutateAsync({
        ticket: ticket.ticket,
        caseIds,
        confirmedEach: true,
        ...(image ? { signatureImage: image } : {}),
      });
      setSigned(r.signed);
      onSigned();
    } catch (e) {
      setError(messageOf(e));
      // The Node side wipes the ticket after any signing attempt that reached the key.
      if (e instanceof AppError && (e.code === 'UNAUTHENTICATED' || e.code === 'CONFLICT' || e.code === 'FORBIDDEN')) setTicket(null);
    }
  };

  const allSeen = caseIds.every((id) => seen.has(id));
  return (
    <Modal
      open
      title={`领导签批（${caseIds.length} 件）`}
      onCancel={onClose}
      footer={null}
      width={820}
      maskClosable={false}
      destroyOnHidden
      data-testid="signing-modal"
    >
      {signed ? (
        <Result
          status="success"
          title={`已签发 ${signed.length} 件`}
          subTitle={
            <div data-testid="signing-done">
              {signed.map((s) => (
                <div key={s.caseId}>
                  {s.caseNumber}：<Typography.Text code>{s.reference}</Typography.Text>
                </div>
              ))}
            </div>
          }
          extra={
            <Button type="primary" onClick={onClose} autoFocus>
              完成
            </Button>
          }
        />
      ) : !ticket ? (
        <StepUp onTicket={setTicket} />
      ) : (
        <div>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={`${ticket.leader.displayName}${ticket.leader.department ? `（${ticket.leader.department}）` : ''} 已验证身份，请逐件查看后勾选“已阅”`}
            description={`签名密钥指纹 ${ticket.fingerprint}；授权于 ${shanghaiTime(ticket.expiresAt)} 失效。`}
          />
          <div style={{ maxHeight: 360, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 8 }}>
            {caseIds.map((id, i) => (
              <CaseToSign
                key={id}
                index={i}
                caseId={id}
                seen={seen.has(id)}
                onSeen={(v) =>
                  setSeen((s) => {
                    const n = new Set(s);
                    if (v) n.add(id);
                    else n.delete(id);
                    return n;
                  })
                }
              />
            ))}
          </div>
          <div style={{ marginTop: 8 }}>
            <Typography.Text strong>手写签名</Typography.Text>
            <SignaturePad onChange={setImage} />
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="signing-error" />}
          <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 8 }}>
            <Button onClick={onClose}>
              取消<span className="ow-kbd">Esc</span>
            </Button>
            <Button type="primary" disabled={!allSeen} loading={signing.isPending} onClick={() => void sign()} data-testid="sign-now">
              {allSeen ? `签名并签发（${caseIds.length} 件）` : `请先逐件勾选已阅（${seen.size}/${caseIds.length}）`}
            </Button>
          </Space>
        </div>
      )}
    </Modal>
  );
}

function StepUp({ onTicket }: { onTicket: (t: Ticket) => void }) {
  const [mode, setMode] = useState<'password' | 'card'>('password');
  const [error, setError] = useState<string | null>(null);
  const authenticate = useApiMutation('signing.authenticate');
  const busy = authenticate.isPending;
  const [cardForm] = Form.useForm<{ idNumber: string; pin: string }>();
  const onCard = useCallback(
    (card: IdCard) => {
      setMode('card');
      cardForm.setFieldValue('idNumber', card.idNumber);
    },
    [cardForm],
  );
  useApiEvent('idcard.read', onCard);

  const go = async (input: { username: string; password: string } | { idNumber: string; pin: string }) => {
    setError(null);
    try {
      onTicket(await authenticate.mutateAsync(input));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div data-testid="signing-step-up">
      <Typography.Paragraph type="secondary">
        请签批领导本人输入自己的凭据；验证只用于本次签名，不会切换当前登录的窗口人员。
      </Typography.Paragraph>
      <Tabs
        activeKey={mode}
        onChange={(k) => setMode(k as 'password' | 'card')}
        items={[
          {
            key: 'password',
            label: '用户名和密码',
            children: (
              <Form<{ username: string; password: string }>
                layout="vertical"
                size="small"
                onFinish={(v) => void go(v)}
                requiredMark={false}
              >
                <Form.Item name="username" label="领导用户名" rules={[{ required: true, whitespace: true, message: '请输入领导用户名' }]}>
                  <Input autoFocus autoComplete="off" />
                </Form.Item>
                <Form.Item name="password" label="领导密码" rules={[{ required: true, message: '请输入密码' }]}>
                  <Input.Password autoComplete="off" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  验证身份
                  <span className="ow-kbd" style={{ color: 'inherit', borderColor: 'currentColor' }}>
                    Enter
                  </span>
                </Button>
              </Form>
            ),
          },
          {
            key: 'card',
            label: '身份证 + PIN',
            children: (
              <Form<{ idNumber: string; pin: string }>
                form={cardForm}
                layout="vertical"
                size="small"
                onFinish={(v) => void go(v)}
                requiredMark={false}
              >
                <Form.Item
                  name="idNumber"
                  label="身份证号（放卡自动填入）"
                  rules={[{ required: true, whitespace: true, message: '请将领导身份证放在读卡器上' }]}
                >
                  <Input autoComplete="off" placeholder="请将身份证放在读卡器上" />
                </Form.Item>
                <Form.Item name="pin" label="签名 PIN" rules={[{ required: true, message: '请输入 PIN' }]}>
                  <Input.Password autoComplete="off" inputMode="numeric" maxLength={12} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  验证身份
                  <span className="ow-kbd" style={{ color: 'inherit', borderColor: 'currentColor' }}>
                    Enter
                  </span>
                </Button>
              </Form>
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} data-testid="step-up-error" />}
    </div>
  );
}

function CaseToSign({ caseId, index, seen, onSeen }: { caseId: string; index: number; seen: boolean; onSeen: (v: boolean) => void }) {
  const q = useApi('cases.get', { id: caseId });
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" title={q.error?.message ?? '无法读取办件'} />;
  const d = q.data;
  return (
    <div
      style={{ border: `1px solid ${seen ? '#95de64' : '#d9d9d9'}`, borderRadius: 4, padding: 8, background: seen ? '#f6ffed' : '#fff' }}
      data-testid={`sign-case-${index}`}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>
          {index + 1}. {d.caseNumber} · {d.itemName}
        </Typography.Text>
        <Checkbox checked={seen} onChange={(e) => onSeen(e.target.checked)} data-testid={`seen-${index}`}>
          已阅
        </Checkbox>
      </Space>
      <Descriptions size="small" column={2} style={{ marginTop: 4 }}>
        <Descriptions.Item label="承办部门">{d.department}</Descriptions.Item>
        <Descriptions.Item label="申请人">
          {d.project.builderName ?? d.applicant.name}（{d.project.builderUscc ?? d.applicant.idNumberMasked}）
        </Descriptions.Item>
        <Descriptions.Item label="项目" span={2}>
          {d.project.name}（{d.project.code}）
        </Descriptions.Item>
        <Descriptions.Item label="决定" span={2}>
          {d.decision ? (
            <>
              <Tag color={d.decision.decision === 'approve' ? 'green' : 'red'}>
                {d.decision.decision === 'approve' ? '准予许可' : '不予许可'}
              </Tag>
              {d.decision.opinion}（{d.decision.decidedBy}）
            </>
          ) : (
            '尚未作出决定'
          )}
        </Descriptions.Item>
      </Descriptions>
      {/* TODO(documents): show the rendered decision document (documents.render) here once that call exists; the signature already covers this content. */}
    </div>
  );
}
