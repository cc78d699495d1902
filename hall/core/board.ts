import type { BoardPage, BoardQuery, StatisticsQuery, StatisticsResult, StatisticsRow } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';

/**
 * Hall-wide supervision board and statistics, computed in the database. The board pages by
 * keyset (accepted_on, case_id) descending over the hall_cases_board index, so page 10,000
 * costs what page 1 costs; no names or ID numbers are in hall_cases at all.
 */
function encodeKey(acceptedOn: string, caseId: string): string {
  return Buffer.from(JSON.stringify([acceptedOn, caseId])).toString('base64url');
}

function decodeKey(raw: string): [string, string] | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // an unreadable cursor starts from the first page
  }
  return null;
}

export async function boardPage(sql: SqlRunner, q: BoardQuery, today: string): Promise<BoardPage> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const key = q.after ? decodeKey(q.after) : null;
  if (key) {
    params.push(key[0], key[1]);
    where.push(`(c.accepted_on, c.case_id) < ($${params.length - 1}, $${params.length})`);
  }
  if (q.department) {
    params.push(q.department);
    where.push(`c.department = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`c.status = $${params.length}`);
  }
  params.push(q.limit + 1);
  const rows = await sql.query<{
    case_id: string;
    case_number: string | null;
    project_code: string | null;
    item_name: string | null;
    department: string | null;
    window_name: string | null;
    clerk: string | null;
    status: string;
    accepted_on: string;
    due_on: string | null;
    completed_on: string | null;
  }>(
    `SELECT c.case_id, c.case_number, c.project_code, c.item_name, c.department, w.window_name, c.clerk, c.status, c.accepted_on, c.due_on, c.completed_on
     FROM hall_cases c LEFT JOIN workstations w ON w.id = c.accepted_by
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.accepted_on DESC, c.case_id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      projectCode: r.project_code,
      itemName: r.item_name,
      department: r.department,
      window: r.window_name,
      clerk: r.clerk,
      status: r.status,
      acceptedOn: r.accepted_on,
      dueOn: r.due_on,
      completedOn: r.completed_on,
      overdue: r.due_on !== null && (r.completed_on ?? today) > r.due_on,
    })),
    next: rows.length > q.limit && last ? encodeKey(last.accepted_on, last.case_id) : null,
  };
}

/** The group key over a table with the case's columns (`hall_cases`, or `ratings`, which carries them). */
function keySql(by: StatisticsQuery['by'], t: string): string {
  switch (by) {
    case 'department':
      return `COALESCE(${t}.department, '（未填部门）')`;
    case 'item':
      return `COALESCE(${t}.item_name, ${t}.item_code, '（未知事项）')`;
    case 'window':
      return `COALESCE(w.window_name, ${t}.accepted_by, '（未知窗口）')`;
    case 'clerk':
      return `COALESCE(${t}.clerk, '（未知人员）')`;
  }
}

/**
 * Cases accepted in [from, to], grouped: on-time rate over completed cases; one-visit rate =
 * completed without a correction request (the applicant did not have to come back);
 * 好差评 of those cases from the ratings, which carry their case's groups and acceptance day
 * (migration 5), so both halves are one index range over the month (good = 4–5, bad = 1–2).
 */
export async function statistics(sql: SqlRunner, q: StatisticsQuery): Promise<StatisticsResult> {
  const key = keySql(q.by, 'c');
  const ratingKey = keySql(q.by, 'r');
  const cases = await sql.query<{ key: string; accepted: number; completed: number; on_time: number; one_visit: number }>(
    `SELECT ${key} AS key, COUNT(*) AS accepted, COUNT(c.completed_on) AS completed,
            SUM(CASE WHEN c.on_time THEN 1 ELSE 0 END) AS on_time,
            SUM(CASE WHEN c.completed_on IS NOT NULL AND c.corrections = 0 THEN 1 ELSE 0 END) AS one_visit
     FROM hall_cases c LEFT JOIN workstations w ON w.id = c.accepted_by
     WHERE c.accepted_on >= $1 AND c.accepted_on <= $2 GROUP BY ${key}`,
    [q.from, q.to],
  );
  const ratings = await sql.query<{ key: string; ratings: number; good: number; bad: number }>(
    `SELECT ${ratingKey} AS key, COUNT(*) AS ratings, SUM(CASE WHEN r.level >= 4 THEN 1 ELSE 0 END) AS good, SUM(CASE WHEN r.level <= 2 THEN 1 ELSE 0 END) AS bad
     FROM ratings r LEFT JOIN workstations w ON w.id = r.accepted_by
     WHERE r.accepted_on >= $1 AND r.accepted_on <= $2 GROUP BY ${ratingKey}`,
    [q.from, q.to],
  );
  const byKey = new Map(ratings.map((r) => [r.key, r]));
  const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
  const rows = cases
    .map((c): StatisticsRow => {
      const r = byKey.get(c.key);
      const completed = Number(c.completed);
      const rated = Number(r?.ratings ?? 0);
      return {
        key: c.key,
        accepted: Number(c.accepted),
        completed,
        onTime: Number(c.on_time ?? 0),
        onTimeRate: rate(Number(c.on_time ?? 0), completed),
        oneVisit: Number(c.one_visit ?? 0),
        oneVisitRate: rate(Number(c.one_visit ?? 0), completed),
        ratings: rated,
        good: Number(r?.good ?? 0),
        bad: Number(r?.bad ?? 0),
        goodRate: rate(Number(r?.good ?? 0), rated),
      };
    })
    .sort((a, b) => b.accepted - a.accepted || a.key.localeCompare(b.key));
  return { from: q.from, to: q.to, by: q.by, rows };
}
