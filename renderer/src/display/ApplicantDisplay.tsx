import { shanghaiLongDate } from '../../../shared/domain/time';
import { Progress, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DISPLAY_STEP_LABELS, type DisplayUpdate } from '../../../shared/api/acceptance';
import { useApiEvent } from '../api/hooks';
import { useDismissRatingPrompt, useRatingPrompt } from '../api/queries/ratings';
import { useSystemInfo } from '../api/queries/session';
import { RatingPanel } from './RatingPanel';

const STATUS_COLORS: Record<DisplayUpdate['checklist'][number]['status'], string> = {
  reused: 'green',
  'e-licence': 'cyan',
  'to-collect': 'orange',
  'deficiency-allowed': 'gold',
  'issued-in-stage': 'blue',
};

/** What the applicant follows while the clerk works: where we are, and what is reused so they can object. */
function AcceptanceView({ view }: { view: DisplayUpdate }) {
  const reused = view.checklist.filter((l) => l.status === 'reused' || l.status === 'e-licence');
  return (
    <div
      style={{ flex: 1, display: 'flex', flexDirection: 'column', padding: '24px 40px', gap: 16, overflow: 'hidden' }}
      data-testid="display-acceptance"
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 24 }}>
        <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
          {view.applicantName ? `${view.applicantName}，您好` : '您好'}
        </Typography.Title>
        <Typography.Text style={{ color: '#dfe6f0', fontSize: 20 }}>
          {view.projectName ?? ''}
          {view.stageName ? ` · 第${view.stage}阶段 ${view.stageName}` : ''}
        </Typography.Text>
      </div>
      <div>
        <Typography.Text style={{ color: '#dfe6f0', fontSize: 18 }}>当前：{DISPLAY_STEP_LABELS[view.step]}</Typography.Text>
        <Progress percent={Math.round((view.progress.done / view.progress.of) * 100)} showInfo={false} strokeColor="#52c41a" />
      </div>
      {view.items.length > 0 && (
        <div style={{ color: '#dfe6f0', fontSize: 18 }}>
          本次办理：
          {view.items.map((i) => (
            <Tag key={i} color="blue" style={{ fontSize: 16, padding: '2px 8px', marginBottom: 4 }}>
              {i}
            </Tag>
          ))}
        </div>
      )}
      {view.checklist.length > 0 && (
        <div style={{ background: 'rgba(255,255,255,0.96)', borderRadius: 6, padding: 16, overflow: 'auto' }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            材料清单{reused.length > 0 ? `：以下 ${reused.length} 份已提交过或可调取电子证照，无需再交；如有变化请告诉工作人员` : ''}
          </Typography.Text>
          <table style={{ width: '100%', fontSize: 17, marginTop: 8, borderCollapse: 'collapse', color: '#1f2937' }}>
            <tbody>
              {view.checklist.map((l) => (
                <tr key={l.name} style={{ borderBottom: '1px solid #eee' }}>
                  <td style={{ padding: '6px 4px' }}>{l.name}</td>
                  <td style={{ width: 120 }}>
                    <Tag color={STATUS_COLORS[l.status]} style={{ fontSize: 15 }}>
                      {l.statusLabel}
                    </Tag>
                  </td>
                  <td style={{ width: 280, color: '#666' }}>{l.from ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.caseNumbers.length > 0 && (
        <div style={{ color: '#fff', fontSize: 22 }} data-testid="display-case-numbers">
          受理成功，办件编号：{view.caseNumbers.join('、')}
        </div>
      )}
    </div>
  );
}

/**
 * The applicant's screen: a welcome until a case is open; then the checklist and progress; the
 * five-level rating when the clerk invites it. It shows only masked personal data.
 */
export function ApplicantDisplay() {
  // The date under the welcome: read again every minute, so it turns over at midnight.
  const info = useSystemInfo({ refetchInterval: 60_000 });
  const [view, setView] = useState<DisplayUpdate | null>(null);
  const rating = useRatingPrompt().data?.visit ?? null;
  const onRated = useDismissRatingPrompt();
  useApiEvent(
    'display.update',
    useCallback((v: DisplayUpdate) => setView(v.step === 'project' ? null : v), []),
  );
  useApiEvent(
    'display.clear',
    useCallback(() => setView(null), []),
  );

  return (
    <div className="ow-display" data-testid="applicant-display">
      {rating ? (
        <RatingPanel key={rating.visitId} visitId={rating.visitId} caseNumbers={rating.caseNumbers} onDone={onRated} />
      ) : view ? (
        <AcceptanceView view={view} />
      ) : (
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 16 }}>
          <Typography.Title style={{ color: '#fff', margin: 0, fontSize: 44 }}>欢迎办理</Typography.Title>
          <Typography.Text style={{ color: '#dfe6f0', fontSize: 22 }}>请将身份证放在读卡器上，工作人员将为您办理</Typography.Text>
          <Typography.Text style={{ color: '#b8c7dc', fontSize: 16 }}>最多跑一次 · 一窗受理 · 一次告知</Typography.Text>
        </div>
      )}
      <div style={{ padding: 16, textAlign: 'center', color: '#b8c7dc' }}>{info.data ? shanghaiLongDate(info.data.time) : ''}</div>
    </div>
  );
}
