import { Alert, Button, Input, Rate, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { RATING_INDICATORS, RATING_LEVELS } from '../../../shared/api/ratings';
import { useSubmitRating } from '../api/queries/ratings';

type Level = 1 | 2 | 3 | 4 | 5;
type Indicator = keyof typeof RATING_INDICATORS;
const LEVELS: Level[] = [1, 2, 3, 4, 5];
const LEVEL_COLOR: Record<Level, string> = { 1: '#389e0d', 2: '#52c41a', 3: '#d4b106', 4: '#fa8c16', 5: '#cf1322' };
/** Mouth curvature per level: a face drawn as SVG, since the display's fonts lack some emoji. */
const MOUTH: Record<Level, number> = { 1: 9, 2: 5, 3: 0, 4: -5, 5: -9 };

function Face({ level }: { level: Level }) {
  const m = MOUTH[level];
  return (
    <svg width={46} height={46} viewBox="0 0 46 46" aria-hidden>
      <circle cx={23} cy={23} r={20} fill="none" stroke="#fff" strokeWidth={3} />
      <circle cx={16} cy={18} r={2.6} fill="#fff" />
      <circle cx={30} cy={18} r={2.6} fill="#fff" />
      <path d={`M13 ${30 - m / 2} Q23 ${30 + m} 33 ${30 - m / 2}`} fill="none" stroke="#fff" strokeWidth={3} strokeLinecap="round" />
    </svg>
  );
}

/**
 * 好差评 on the applicant display (一次一评): five large levels, then the four offline
 * indicators as star rows, an optional comment, submit, thanks. Indicators use the same scale as
 * the level (1 = 非常满意), so five stars are stored as 1.
 */
export function RatingPanel({ visitId, caseNumbers, onDone }: { visitId: string; caseNumbers: string[]; onDone: () => void }) {
  const [level, setLevel] = useState<Level | null>(null);
  const [stars, setStars] = useState<Record<Indicator, number>>({ overall: 5, efficiency: 5, level: 5, attitude: 5 });
  const [comment, setComment] = useState('');
  const submitting = useSubmitRating();
  const thanked = submitting.isSuccess;

  useEffect(() => {
    if (!thanked) return;
    const t = setTimeout(onDone, 6_000);
    return () => clearTimeout(t);
  }, [thanked, onDone]);

  const choose = (l: Level) => {
    setLevel(l);
    const s = 6 - l;
    setStars({ overall: s, efficiency: s, level: s, attitude: s });
  };

  const submit = () => {
    if (!level) return;
    const indicators = {
      overall: (6 - stars.overall) as Level,
      efficiency: (6 - stars.efficiency) as Level,
      level: (6 - stars.level) as Level,
      attitude: (6 - stars.attitude) as Level,
    };
    submitting.mutate({ visitId, level, indicators, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };

  if (thanked) {
    return (
      <div data-testid="rating-thanks" style={{ textAlign: 'center', padding: 48 }}>
        <Typography.Title style={{ color: '#fff', fontSize: 48 }}>感谢您的评价！</Typography.Title>
        <Typography.Text style={{ color: '#dfe6f0', fontSize: 22 }}>您的意见将帮助我们改进服务</Typography.Text>
      </div>
    );
  }

  return (
    <div
      data-testid="rating-panel"
      style={{ maxWidth: 1100, margin: '0 auto', padding: 24, display: 'flex', flexDirection: 'column', gap: 20 }}
    >
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
          请对本次服务进行评价
        </Typography.Title>
        <Typography.Text style={{ color: '#b8c7dc', fontSize: 16 }}>办件编号：{caseNumbers.join('、')}</Typography.Text>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 14 }}>
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            onClick={() => choose(l)}
            aria-pressed={level === l}
            style={{
              height: 130,
              borderRadius: 14,
              border: level === l ? '4px solid #fff' : '4px solid transparent',
              background: LEVEL_COLOR[l],
              color: '#fff',
              fontSize: 26,
              fontWeight: 600,
              cursor: 'pointer',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 6,
              boxShadow: level === l ? '0 0 0 4px rgba(255,255,255,0.35)' : 'none',
              touchAction: 'manipulation',
            }}
          >
            <Face level={l} />
            {RATING_LEVELS[l]}
          </button>
        ))}
      </div>
      {level && (
        <div
          style={{
            background: 'rgba(255,255,255,0.96)',
            color: '#1f3c68',
            borderRadius: 14,
            padding: '16px 28px',
            display: 'flex',
            flexDirection: 'column',
            gap: 10,
          }}
        >
          {(Object.keys(RATING_INDICATORS) as Indicator[]).map((k) => (
            <div key={k} style={{ display: 'flex', alignItems: 'center', gap: 24 }} data-testid={`indicator-${k}`}>
              <span style={{ width: 140, fontSize: 22 }}>{RATING_INDICATORS[k]}</span>
              <Rate
                value={stars[k]}
                onChange={(v) => v > 0 && setStars((s) => ({ ...s, [k]: v }))}
                style={{ fontSize: 40 }}
                allowClear={false}
              />
            </div>
          ))}
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={500}
            placeholder="意见和建议（可选）"
            autoSize={{ minRows: 2, maxRows: 4 }}
            style={{ fontSize: 18 }}
          />
          {submitting.error && <Alert type="error" showIcon title={submitting.error.message || '提交未成功，请再点一次“提交评价”'} />}
          <Button type="primary" size="large" loading={submitting.isPending} onClick={submit} style={{ height: 64, fontSize: 24 }}>
            提交评价
          </Button>
        </div>
      )}
    </div>
  );
}
