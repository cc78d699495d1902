import { Typography } from 'antd';
import { useApi } from '../api/hooks';

/**
 * The applicant's screen: a welcome until a case is open; later the checklist, progress and the
 * five-level rating. It shows only masked personal data.
 */
export function ApplicantDisplay() {
  const info = useApi('system.info', {}, { refetchInterval: 60_000 });
  return (
    <div className="ow-display" data-testid="applicant-display">
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 16 }}>
        <Typography.Title style={{ color: '#fff', margin: 0, fontSize: 44 }}>欢迎办理</Typography.Title>
        <Typography.Text style={{ color: '#dfe6f0', fontSize: 22 }}>请将身份证放在读卡器上，工作人员将为您办理</Typography.Text>
        <Typography.Text style={{ color: '#b8c7dc', fontSize: 16 }}>最多跑一次 · 一窗受理 · 一次告知</Typography.Text>
      </div>
      <div style={{ padding: 16, textAlign: 'center', color: '#b8c7dc' }}>{info.data ? new Date(info.data.time).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }) : ''}</div>
    </div>
  );
}
