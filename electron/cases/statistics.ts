/**
 * Figures for the hall's managers over a period, by department, item or clerk.
 * Definitions (also in the export's notes):
 * - accepted: cases accepted in the period; completed: cases concluded (出件 or 不予许可 delivered)
 *   in the period;
 * - on-time rate: completed on or before the due date the engine gave at completion;
 * - average handling time: counted working days from acceptance to completion (pauses excluded);
 * - one-visit rate: completed cases that needed no 补正 (the applicant came once);
 * - satisfaction rate: 好评 (非常满意 or 满意) among ratings submitted in the period; a visit that
 *   covered several cases counts once per group it touches, once in the totals.
 */
import type { StatsFigures, StatsGroup, StatsInput, StatsSummary } from '../../shared/api/stats';
import { preAcceptanceCounts } from '../acceptance/pre-acceptance-counts';
import { formatIsoDate, parseIsoDate } from '../../shared/domain/calendar';
import type { Db } from '../store/database';

const KEY_SQL = {
  department: { key: 'c.department', label: 'c.department' },
  item: { key: 'c.item_code', label: 'MAX(c.item_name)' },
  clerk: { key: "COALESCE(c.clerk_id, '')", label: "COALESCE(MAX(u.display_name), '未知')" },
} as const;

const rate = (n: number, d: number): number | null => (d > 0 ? n / d : null);

function figures(raw: {
  accepted: number;
  completed: number;
  onTime: number;
  avg: number | null;
  oneVisit: number;
  ratings: number;
  satisfied: number;
}): StatsFigures {
  return {
    accepted: raw.accepted,
    completed: raw.completed,
    onTime: raw.onTime,
    onTimeRate: rate(raw.onTime, raw.completed),
    averageHandlingWorkdays: raw.avg === null ? null : Math.round(raw.avg * 10) / 10,
    oneVisit: raw.oneVisit,
    oneVisitRate: rate(raw.oneVisit, raw.completed),
    ratings: raw.ratings,
    satisfied: raw.satisfied,
    satisfactionRate: rate(raw.satisfied, raw.ratings),
  };
}

export function hallStatistics(db: Db, q: StatsInput): StatsSummary {
  const k = KEY_SQL[q.groupBy];
  const p = { from: q.from, to: q.to };
  const join = 'FROM item_cases c LEFT JOIN users u ON u.id = c.clerk_id';
  const accepted = db
    .prepare(`SELECT ${k.key} AS key, ${k.label} AS label, COUNT(*) AS n ${join} WHERE c.accepted_on BETWEEN @from AND @to GROUP BY key`)
    .all(p) as {
    key: string;
    label: string;
    n: number;
  }[];
  const completed = db
    .prepare(
      `SELECT ${k.key} AS key, ${k.label} AS label, COUNT(*) AS n, COALESCE(SUM(c.on_time), 0) AS onTime, AVG(c.handling_workdays) AS avg,
              COALESCE(SUM(CASE WHEN c.had_correction = 0 THEN 1 ELSE 0 END), 0) AS oneVisit
       ${join} WHERE c.completed_on BETWEEN @from AND @to AND c.status IN ('issued', 'denied') GROUP BY key`,
    )
    .all(p) as { key: string; label: string; n: number; onTime: number; avg: number | null; oneVisit: number }[];
  const rated = db
    .prepare(
      `SELECT ${k.key} AS key, ${k.label} AS label, COUNT(DISTINCT v.id) AS n, COUNT(DISTINCT CASE WHEN v.level <= 2 THEN v.id END) AS satisfied
         FROM rating_visits v JOIN rating_cases rc ON rc.visit_id = v.id JOIN item_cases c ON c.id = rc.case_id LEFT JOIN users u ON u.id = c.clerk_id
        WHERE v.status = 'done' AND v.rated_on BETWEEN @from AND @to GROUP BY key`,
    )
    .all(p) as { key: string; label: string; n: number; satisfied: number }[];

  const groups = new Map<
    string,
    {
      label: string;
      accepted: number;
      completed: number;
      onTime: number;
      avg: number | null;
      oneVisit: number;
      ratings: number;
      satisfied: number;
    }
  >();
  const group = (key: string, label: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { label, accepted: 0, completed: 0, onTime: 0, avg: null, oneVisit: 0, ratings: 0, satisfied: 0 };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of accepted) group(r.key, r.label).accepted = r.n;
  for (const r of completed) Object.assign(group(r.key, r.label), { completed: r.n, onTime: r.onTime, avg: r.avg, oneVisit: r.oneVisit });
  for (const r of rated) Object.assign(group(r.key, r.label), { ratings: r.n, satisfied: r.satisfied });

  const totalsCases = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM item_cases WHERE accepted_on BETWEEN @from AND @to) AS accepted,
              COUNT(*) AS completed, COALESCE(SUM(on_time), 0) AS onTime, AVG(handling_workdays) AS avg,
              COALESCE(SUM(CASE WHEN had_correction = 0 THEN 1 ELSE 0 END), 0) AS oneVisit
         FROM item_cases WHERE completed_on BETWEEN @from AND @to AND status IN ('issued', 'denied')`,
    )
    .get(p) as { accepted: number; completed: number; onTime: number; avg: number | null; oneVisit: number };
  const totalsRatings = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN level <= 2 THEN 1 ELSE 0 END), 0) AS satisfied FROM rating_visits WHERE status = 'done' AND rated_on BETWEEN @from AND @to`,
    )
    .get(p) as { n: number; satisfied: number };

  const daily = dailySeries(db, q.from, q.to);
  const out: StatsGroup[] = [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, ...figures(g) }))
    .sort((a, b) => b.accepted - a.accepted || a.label.localeCompare(b.label, 'zh-CN'));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    groups: out,
    totals: figures({ ...totalsCases, ratings: totalsRatings.n, satisfied: totalsRatings.satisfied }),
    daily,
    preAcceptance: preAcceptanceCounts(db, q.from, q.to),
  };
}

function dailySeries(db: Db, from: string, to: string): StatsSummary['daily'] {
  const accepted = new Map(
    (
      db
        .prepare('SELECT accepted_on AS d, COUNT(*) AS n FROM item_cases WHERE accepted_on BETWEEN ? AND ? GROUP BY accepted_on')
        .all(from, to) as { d: string; n: number }[]
    ).map((r) => [r.d, r.n]),
  );
  const completed = new Map(
    (
      db
        .prepare(
          "SELECT completed_on AS d, COUNT(*) AS n FROM item_cases WHERE completed_on BETWEEN ? AND ? AND status IN ('issued', 'denied') GROUP BY completed_on",
        )
        .all(from, to) as { d: string; n: number }[]
    ).map((r) => [r.d, r.n]),
  );
  const out: StatsSummary['daily'] = [];
  for (let d = parseIsoDate(from); d <= parseIsoDate(to); d++) {
    const date = formatIsoDate(d);
    out.push({ date, accepted: accepted.get(date) ?? 0, completed: completed.get(date) ?? 0 });
  }
  return out;
}
