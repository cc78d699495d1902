import type { StatsGroup, StatsSummary } from '../../../shared/api/stats';

/** Per-day accepted/completed bars; inline SVG because no chart library ships with the app. */
export function DailyBars({ daily }: { daily: StatsSummary['daily'] }) {
  const w = 560;
  const h = 150;
  const pad = { l: 28, b: 18, t: 8 };
  const max = Math.max(1, ...daily.map((d) => Math.max(d.accepted, d.completed)));
  const slot = daily.length ? (w - pad.l) / daily.length : 0;
  const bar = Math.max(1, Math.min(10, slot / 2 - 1));
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const every = Math.ceil(daily.length / 10);
  return (
    <svg width={w} height={h} role="img" aria-label="每日受理与办结" data-testid="chart-daily">
      <line x1={pad.l} y1={h - pad.b} x2={w} y2={h - pad.b} stroke="#bfbfbf" />
      <text x={pad.l - 4} y={pad.t + 8} fontSize={10} textAnchor="end" fill="#8c8c8c">
        {max}
      </text>
      <text x={pad.l - 4} y={h - pad.b} fontSize={10} textAnchor="end" fill="#8c8c8c">
        0
      </text>
      {daily.map((d, i) => {
        const x = pad.l + i * slot + slot / 2;
        return (
          <g key={d.date}>
            <title>{`${d.date} 受理 ${d.accepted} 办结 ${d.completed}`}</title>
            <rect x={x - bar - 0.5} y={y(d.accepted)} width={bar} height={h - pad.b - y(d.accepted)} fill="#1f5fae" />
            <rect x={x + 0.5} y={y(d.completed)} width={bar} height={h - pad.b - y(d.completed)} fill="#52c41a" />
            {i % every === 0 && (
              <text x={x} y={h - 5} fontSize={10} textAnchor="middle" fill="#8c8c8c">
                {d.date.slice(5)}
              </text>
            )}
          </g>
        );
      })}
      <rect x={w - 120} y={2} width={8} height={8} fill="#1f5fae" />
      <text x={w - 108} y={10} fontSize={10}>
        受理
      </text>
      <rect x={w - 70} y={2} width={8} height={8} fill="#52c41a" />
      <text x={w - 58} y={10} fontSize={10}>
        办结
      </text>
    </svg>
  );
}

/** On-time rate per group as horizontal bars, 0-100%. */
export function OnTimeBars({ groups }: { groups: StatsGroup[] }) {
  const rows = groups.slice(0, 12);
  const w = 420;
  const rowH = 20;
  const label = 130;
  const h = Math.max(rowH, rows.length * rowH) + 4;
  return (
    <svg width={w} height={h} role="img" aria-label="按时办结率" data-testid="chart-ontime">
      {rows.map((g, i) => {
        const rate = g.onTimeRate;
        const barW = rate === null ? 0 : (w - label - 50) * rate;
        const y = i * rowH + 2;
        return (
          <g key={g.key}>
            <text x={label - 6} y={y + 13} fontSize={11} textAnchor="end">
              {g.label.length > 10 ? `${g.label.slice(0, 10)}…` : g.label}
            </text>
            <rect x={label} y={y + 3} width={w - label - 50} height={rowH - 8} fill="#f0f0f0" />
            <rect x={label} y={y + 3} width={barW} height={rowH - 8} fill={rate !== null && rate < 0.9 ? '#faad14' : '#52c41a'} />
            <text x={w - 44} y={y + 13} fontSize={11}>
              {rate === null ? '—' : `${(rate * 100).toFixed(1)}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
