import { App, Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import { AppError } from '../../../shared/api/errors';
import { ACTION_TEXT, type CaseAction } from '../../../shared/domain/lifecycle/case-actions';
import { useApi, useApiEvent, useApiMutation } from '../api/hooks';
import { LeaderSigningModal } from '../signing/LeaderSigningModal';
import type { DocumentTemplateName } from '../../../shared/api/documents';
import { caseDocument, DocumentPreview } from '../print/DocumentPrint';
import { documentAfterAction } from '../print/case-moments';
import { CaseActionDialog, type DialogAction } from './CaseActionDialog';
import { CaseDocuments } from './CaseDocuments';
import { CorrectPartiesDialog } from './CorrectPartiesDialog';
import { ESTIMATED_HINT, LEVEL_STYLE, STATUS_COLOR, certificateText, localDateTime, remainingText, yuan } from './presentation';
import { RatingInvite } from './RatingInvite';
import { HandOverButton } from '../hall/HandOverButton';
import './casework.css';

const MATERIAL_STATUS: Record<string, string> = { collected: '已收取', reused: '复用', 'e-licence': '电子证照', deficiency: '容缺' };
/** Buttons in the order a clerk meets them; sign is offered separately (the leader comes to the window). */
const ACTION_ORDER: CaseAction[] = [
  'requestCorrection',
  'supplement',
  'reject',
  'startSpecialProcedure',
  'endSpecialProcedure',
  'extend',
  'decide',
  'recordFee',
  'issue',
  'withdraw',
];
const DANGER: ReadonlySet<CaseAction> = new Set(['reject', 'withdraw']);

/** Everything about one item case, and one button per action this user may take now. */
export function CasePage({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const q = useApi('cases.get', { id: caseId });
  const session = useApi('session.state', {});
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [signing, setSigning] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  // The paper an action just produced (一次性告知, 不予受理, 出件), previewed before it prints.
  const [produced, setProduced] = useState<DocumentTemplateName | null>(null);
  const { message: toast } = App.useApp();
  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: ['cases.get'] });
    void qc.invalidateQueries({ queryKey: ['cases.list'] });
    void qc.invalidateQueries({ queryKey: ['supervision.board'] });
  }, [qc]);
  const onChanged = useCallback((p: { caseIds: string[] }) => p.caseIds.includes(caseId) && refresh(), [caseId, refresh]);
  useApiEvent('cases.changed', onChanged);

  if (q.isLoading) return <Spin style={{ margin: 40 }} />;
  if (q.error || !q.data) {
    return (
      <Result
        status="warning"
        title="无法打开办件"
        subTitle={q.error?.message ?? '请返回列表重试'}
        extra={<Button onClick={onBack}>返回</Button>}
      />
    );
  }
  const d = q.data;
  const role = session.data?.user?.role;
  const actions = ACTION_ORDER.filter((a) => d.allowedActions.includes(a)) as DialogAction[];
  const canInvite = role === 'clerk';

  return (
    <div data-testid="case-page" data-status={d.status}>
      <CaseHeader detail={d} onBack={onBack} />
      <Card size="small" style={{ marginTop: 8 }} styles={{ body: { padding: '8px 12px' } }}>
        <div className="ow-case-actions" data-testid="case-actions">
          {actions.map((a) => (
            <Button
              key={a}
              size="small"
              type={a === 'issue' || a === 'decide' ? 'primary' : 'default'}
              danger={DANGER.has(a)}
              onClick={() => setDialog(a)}
            >
              {ACTION_TEXT[a]}
            </Button>
          ))}
          {d.status === 'decided' && (
            <Button size="small" type="primary" onClick={() => setSigning(true)} data-testid="leader-sign">
              领导签批
            </Button>
          )}
          {actions.length === 0 && d.status !== 'decided' && <Typography.Text type="secondary">当前没有您可以办理的操作</Typography.Text>}
          {(role === 'clerk' || role === 'leader') && (
            <Button size="small" onClick={() => setCorrecting(true)} data-testid="correct-parties">
              更正申请人信息
            </Button>
          )}
          <HandOverButton caseId={d.id} caseNumber={d.caseNumber} />
          <span style={{ flex: 1 }} />
          {canInvite && <RatingInvite caseNumbers={[d.caseNumber]} />}
        </div>
      </Card>
      <div className="ow-case-grid" style={{ marginTop: 8 }}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <ClockNotices detail={d} />
          <PartiesCard detail={d} />
          <CaseDocuments detail={d} onPrinted={refresh} />
          <MaterialsCard detail={d} />
          <DecisionCard detail={d} />
          {d.fees.length > 0 && (
            <Card size="small" title="收费">
              <Table
                size="small"
                pagination={false}
                rowKey={(f) => f.paymentRef + f.recordedAt}
                dataSource={d.fees}
                columns={[
                  { title: '金额', dataIndex: 'amountFen', width: 110, render: (v: number) => yuan(v) },
                  { title: '依据', dataIndex: 'basis', ellipsis: true },
                  { title: '缴款凭证', dataIndex: 'paymentRef', width: 140 },
                  { title: '登记人', dataIndex: 'recordedBy', width: 80 },
                  { title: '时间', dataIndex: 'recordedAt', width: 150, render: (v: string) => localDateTime(v) },
                ]}
              />
            </Card>
          )}
        </Space>
        <Card size="small" title="办理记录" data-testid="case-history">
          {d.history.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              items={[...d.history].reverse().map((h) => ({
                key: h.seq,
                content: (
                  <div>
                    <div>{h.summary}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {localDateTime(h.at)} · {h.actor}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </div>
      {dialog && (
        <CaseActionDialog
          action={dialog}
          detail={d}
          onClose={() => setDialog(null)}
          onDone={() => {
            refresh();
            setProduced(documentAfterAction(dialog, d));
          }}
        />
      )}
      {produced && <DocumentPreview open source={caseDocument(d.id, produced)} onClose={() => setProduced(null)} onPrinted={refresh} />}
      {correcting && (
        <CorrectPartiesDialog
          detail={d}
          onClose={() => setCorrecting(false)}
          onDone={(changed) => {
            refresh();
            void toast.success(`已更正：${changed.join('、')}。请在“文书”中补打已出具的文书`);
          }}
        />
      )}
      {signing && <LeaderSigningModal caseIds={[d.id]} onClose={() => setSigning(false)} onSigned={refresh} />}
    </div>
  );
}

function CaseHeader({ detail: d, onBack }: { detail: CaseDetail; onBack: () => void }) {
  const dl = d.deadline;
  // Once decided or closed the clock has stopped for good: not a pause the board should flag.
  const concluded = d.decision !== null || d.closure !== null;
  const level = concluded ? { color: 'default', text: '已停止计时' } : dl.known ? LEVEL_STYLE[dl.level] : LEVEL_STYLE.unknown;
  return (
    <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
      <Space size={12} wrap align="center">
        <Button size="small" onClick={onBack}>
          ← 返回
        </Button>
        <Typography.Text
          className="ow-case-number"
          copyable={{ text: d.caseNumber, tooltips: ['复制办件编号', '已复制'] }}
          data-testid="case-number"
        >
          {d.caseNumber}
        </Typography.Text>
        <Tag color={STATUS_COLOR[d.status]} data-testid="case-status">
          {d.statusLabel}
        </Tag>
        <span>
          <b>{d.itemName}</b> · {d.department}
        </span>
        <span style={{ flex: 1 }} />
        <Tag color={level.color} data-testid="case-level" data-level={dl.known ? dl.level : 'unknown'}>
          {level.text}
        </Tag>
        {dl.known ? (
          <span data-testid="case-due">
            承诺办结 {dl.dueDate}
            {dl.estimated && (
              <Tooltip title={ESTIMATED_HINT}>
                <Tag color="orange" style={{ marginInline: 4 }} data-testid="case-due-estimated">
                  暂估
                </Tag>
              </Tooltip>
            )}
            {dl.provisional ? '（暂定）' : ''} ·{' '}
            {concluded
              ? '已作出决定，时限停止计算'
              : dl.level === 'paused'
                ? `暂停计时，已暂停 ${dl.pausedWorkdays} 个工作日`
                : remainingText(dl.remainingWorkdays)}
            {dl.extensionWorkdays > 0 ? ` · 已延期 ${dl.extensionWorkdays} 个工作日` : ''}
          </span>
        ) : (
          <Typography.Text type="warning">{dl.message}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function ClockNotices({ detail: d }: { detail: CaseDetail }) {
  const c = d.correction;
  const def = d.deficiency;
  const open = d.specialProcedures.filter((p) => p.endedOn === null);
  if (!c && !def && open.length === 0 && d.extensions.length === 0 && !d.closure) return null;
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      {d.closure && (
        <Alert type="warning" showIcon title={`${d.statusLabel}：${d.closure.reason}`} description={localDateTime(d.closure.at)} />
      )}
      {c && (
        <Alert
          type={c.closedOn ? 'success' : 'warning'}
          showIcon
          data-testid="correction-notice"
          title={
            c.closedOn
              ? `补正材料已于 ${c.closedOn} 补齐`
              : `一次性告知补正（${c.requestedOn}）：尚缺 ${c.outstanding.length} 项，审批时限暂停`
          }
          description={
            <div>
              {c.notice && (
                <div>
                  告知期限 {c.notice.noticeDueOn}：
                  {c.notice.state === 'late'
                    ? '已超过5个工作日，依法自收件之日起视为受理'
                    : c.notice.state === 'notified-in-time'
                      ? '已在5个工作日内告知'
                      : `还剩 ${c.notice.remainingWorkdays} 个工作日`}
                </div>
              )}
              <ol style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {c.items.map((i) => (
                  <li key={i.code}>
                    {i.name}：{i.problem}（{i.form}，{i.dueBy} 前）{c.outstanding.includes(i.code) ? '' : ' ✓'}
                  </li>
                ))}
              </ol>
            </div>
          }
        />
      )}
      {def && (
        <Alert
          type={def.suppliedOn ? 'success' : def.lapse?.state === 'suspended' ? 'error' : 'warning'}
          showIcon
          title={
            def.suppliedOn
              ? `容缺材料已于 ${def.suppliedOn} 补齐`
              : `容缺受理：须于 ${def.supplyBy} 前补齐 ${def.outstanding.length} 项材料，补齐前不能出件`
          }
          description={
            <div>
              申请人承诺：{def.commitment}
              {def.lapse && def.lapse.state === 'suspended' && <div>已中止办理；{def.lapse.returnOn} 前仍未补齐将退件。</div>}
            </div>
          }
        />
      )}
      {open.map((p) => (
        <Alert
          key={p.startedOn + p.kind}
          type="info"
          showIcon
          title={`特别程序：${p.kind}，${p.startedOn} 开始${p.expectedWorkdays ? `，预计 ${p.expectedWorkdays} 个工作日` : ''}；期间不计入审批时限`}
        />
      ))}
      {d.extensions.map((e) => (
        <Alert
          key={e.approvedOn + e.reason}
          type="info"
          title={`延期 ${e.workdays} 个工作日（${e.approvedBy}，${e.approvedOn}）：${e.reason}`}
        />
      ))}
    </Space>
  );
}

function PartiesCard({ detail: d }: { detail: CaseDetail }) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const revealing = useApiMutation('cases.revealIdNumber');
  const reveal = async () => {
    try {
      setFull((await revealing.mutateAsync({ caseId: d.id })).idNumber);
    } catch (e) {
      message.error(e instanceof AppError ? e.message : '无法显示完整证件号');
    }
  };
  // The person who came to the window: their number is masked until asked for (journaled).
  const person = d.agent ?? d.applicant;
  const revealable = (
    <>
      <span data-testid="applicant-id">
        {full ? certificateText(person.certificateType, full) : certificateText(person.certificateType, person.idNumberMasked)}
      </span>
      {!full && person.idNumberMasked && person.certificateType !== '统一社会信用代码' && (
        <Button type="link" size="small" onClick={() => void reveal()} title="查看将记入审计日志">
          显示完整证件号
        </Button>
      )}
    </>
  );
  return (
    <Card size="small" title="申请人与项目">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="申请人">
          <span data-testid="applicant-name">{d.applicant.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label="申请人证件">
          {person === d.applicant ? (
            revealable
          ) : (
            <span data-testid="applicant-certificate">{certificateText(d.applicant.certificateType, d.applicant.idNumberMasked)}</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="申请人电话">{d.applicant.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="经办人">
          <span data-testid="agent-name">{d.agent ? d.agent.name : '申请人本人办理'}</span>
          {d.agent?.englishName ? <Typography.Text type="secondary"> {d.agent.englishName}</Typography.Text> : null}
          {d.agent?.nationality ? <Typography.Text type="secondary">（{d.agent.nationality}）</Typography.Text> : null}
        </Descriptions.Item>
        {d.agent && (
          <Descriptions.Item label="经办人证件">
            {revealable}
            {d.agent.passNumberMasked ? <div data-testid="agent-pass-number">通行证 {d.agent.passNumberMasked}</div> : null}
          </Descriptions.Item>
        )}
        {d.agent && <Descriptions.Item label="经办人电话">{d.agent.phone ?? '—'}</Descriptions.Item>}
        <Descriptions.Item label="项目">{d.project.name}</Descriptions.Item>
        <Descriptions.Item label="项目代码">{d.project.code}</Descriptions.Item>
        <Descriptions.Item label="建设单位">{d.project.builderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="信用代码">{d.project.builderUscc ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受理">
          {d.acceptedOn ?? '—'} {d.application.acceptedBy ?? ''}{' '}
          {d.application.mode === 'deficiency' ? <Tag color="orange">容缺受理</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="承诺时限">
          {d.promisedLimit.value} 个{d.promisedLimit.unit === 'workday' ? '工作日' : '自然日'}
          {d.statutoryLimit ? `（法定 ${d.statutoryLimit.value} 个${d.statutoryLimit.unit === 'workday' ? '工作日' : '自然日'}）` : ''}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function MaterialsCard({ detail: d }: { detail: CaseDetail }) {
  return (
    <Card size="small" title={`材料（${d.materials.length}）`}>
      <Table
        size="small"
        pagination={false}
        rowKey={(m) => m.code + m.status + (m.ref ?? '')}
        dataSource={d.materials}
        locale={{ emptyText: '未登记材料' }}
        columns={[
          { title: '材料', dataIndex: 'name', ellipsis: true },
          { title: '方式', dataIndex: 'status', width: 90, render: (s: string) => <Tag>{MATERIAL_STATUS[s] ?? s}</Tag> },
          { title: '文件', dataIndex: 'blobRefs', width: 70, render: (refs: string[]) => (refs.length ? `${refs.length} 份` : '—') },
          { title: '来源', dataIndex: 'ref', width: 160, ellipsis: true, render: (r: string | null) => materialSource(r) },
        ]}
      />
    </Card>
  );
}

function DecisionCard({ detail: d }: { detail: CaseDetail }) {
  const { message } = App.useApp();
  const [verdict, setVerdict] = useState<{ valid: boolean; text: string } | null>(null);
  const check = useApiMutation('signing.verify');
  if (!d.decision && !d.signature && !d.issuance) return null;
  const verify = async (signatureId: string) => {
    try {
      const r = await check.mutateAsync({ signatureId });
      setVerdict(
        r.valid
          ? {
              valid: true,
              text: `签名有效${r.hallWindow ? `（由${r.hallWindow}的领导签署，签名随办件从大厅同步）` : r.registeredKey ? '' : '（但签名密钥不是本工作站配置的领导密钥）'}：${r.reference ?? ''}`,
            }
          : { valid: false, text: `签名无效：${r.reason ?? '内容已被改动'}` },
      );
    } catch (e) {
      message.error(e instanceof AppError ? e.message : '核验失败，请重试');
    }
  };
  return (
    <Card size="small" title="决定与签发" data-testid="decision-card">
      <Descriptions size="small" column={1}>
        {d.decision && (
          <Descriptions.Item label="部门决定">
            <Tag color={d.decision.decision === 'approve' ? 'green' : 'red'}>
              {d.decision.decision === 'approve' ? '准予许可' : '不予许可'}
            </Tag>
            {d.decision.opinion}（{d.decision.decidedBy}，{localDateTime(d.decision.decidedAt)}）
          </Descriptions.Item>
        )}
        {d.signature && (
          <Descriptions.Item label="领导签发">
            <Space size={6} wrap>
              <span>
                {d.signature.signedBy} · {localDateTime(d.signature.signedAt)}
              </span>
              <Button
                size="small"
                loading={check.isPending}
                onClick={() => d.signature && void verify(d.signature.signatureId)}
                data-testid="verify-signature"
              >
                核验签名
              </Button>
              {verdict && (
                <Tag color={verdict.valid ? 'green' : 'red'} data-testid="verify-result">
                  {verdict.text}
                </Tag>
              )}
            </Space>
          </Descriptions.Item>
        )}
        {d.issuance && (
          <Descriptions.Item label="出件">
            {localDateTime(d.issuance.issuedAt)}
            {d.issuance.documentNumber ? ` · ${d.issuance.documentNumber}` : ''}
            {d.issuance.elicenceId ? ` · 电子证照 ${d.issuance.elicenceId}` : ''}
            {d.issuance.validUntil ? ` · 有效期至 ${d.issuance.validUntil}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** Where a reused material came from, in the clerk's words (refs are `lib:<id>`, `result:<case number>`, e-licence ids). */
function materialSource(ref: string | null): string {
  if (!ref) return '—';
  if (ref.startsWith('lib:')) return '项目资料库（前期已收）';
  if (ref.startsWith('result:')) return `前期核发（${ref.slice('result:'.length)}）`;
  if (ref.startsWith('1.2.156.3005.')) return `电子证照 ${ref}`;
  return ref;
}
