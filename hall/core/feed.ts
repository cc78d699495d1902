import type { FeedItem } from '../../electron/sync/wire';
import type { ProjectLibraryItem, WindowAssignmentItem } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';

/**
 * The hall's feed (protocol section 4): one ordered table for every window, each row for one
 * window or for everyone. Items are collected during a transaction and written at its end under
 * the single `feed_head` row lock, so feed seqs become visible in commit order — a window's
 * cursor can never move past an item that commits later. The same transaction NOTIFYs
 * `hall_feed` (delivered on commit) so the push channel wakes the windows concerned.
 */
export type HallFeedItem = FeedItem | ProjectLibraryItem | WindowAssignmentItem;

export interface Publication {
  item: HallFeedItem;
  /** null: every window. */
  workstation: string | null;
}

export const FEED_CHANNEL = 'hall_feed';

export async function publish(tx: SqlRunner, items: readonly Publication[], at: string): Promise<number> {
  if (items.length === 0) return 0;
  const [head] = await tx.query<{ seq: number }>('UPDATE feed_head SET seq = seq + $1 WHERE id = 1 RETURNING seq', [items.length]);
  const last = Number(head?.seq ?? 0);
  const first = last - items.length + 1;
  const seqs = items.map((_, i) => first + i);
  await tx.query(
    'INSERT INTO feed (seq, workstation, body, created_at) SELECT s, w, b, $4 FROM unnest($1::bigint[], $2::varchar[], $3::text[]) AS u(s, w, b)',
    [seqs, items.map((p) => p.workstation) as string[], items.map((p) => JSON.stringify(p.item)), at],
  );
  await notifyFeed(
    tx,
    last,
    items.map((p) => p.workstation),
  );
  return last;
}

/**
 * The hot path's publication (POST /v1/events): the items go to feed_outbox in the caller's
 * transaction — no feed_head lock and no NOTIFY held through that transaction's commit — and
 * the feed pump moves them into the feed once it has committed (hall/core/feed-pump.ts).
 * Routing stays in the transaction that accepts the events: nothing accepted is left unrouted.
 */
export async function enqueue(tx: SqlRunner, items: readonly Publication[], at: string): Promise<void> {
  if (items.length === 0) return;
  await tx.query(
    // The bodies (routed cases carry their events) as one JSON array of the items, serialised
    // natively once: the json type keeps its input text, so each element's text is exactly
    // JSON.stringify(item) — no second layer of string escaping here and no unescaping there.
    `INSERT INTO feed_outbox (workstation, body, created_at)
     SELECT u.w, b.body::text, $3 FROM unnest($1::varchar[]) WITH ORDINALITY AS u(w, n) JOIN json_array_elements($2::json) WITH ORDINALITY AS b(body, n) ON b.n = u.n
     ORDER BY u.n`,
    [items.map((p) => p.workstation) as string[], JSON.stringify(items.map((p) => p.item)), at],
  );
}

/**
 * Moves up to `limit` committed outbox rows into the feed, oldest first, under the feed_head
 * lock (so feed seqs still become visible in commit order) with one NOTIFY for all of them.
 * Any hall process may run it: the lock makes a second mover wait and then find the rows gone.
 */
export async function moveOutbox(tx: SqlRunner, limit: number): Promise<number> {
  // The lock first, in its own statement: the next statement's snapshot then sees every row a
  // previous mover deleted and every outbox row committed before the lock was granted.
  const [head] = await tx.query<{ seq: number }>('SELECT seq FROM feed_head WHERE id = 1 FOR UPDATE');
  const base = Number(head?.seq ?? 0);
  // Then one statement (it ran as five: read, copy, delete, raise the head, notify). All its
  // parts see one snapshot, so the copy reads the bodies the delete removes; the bodies move
  // inside the database and never travel to this process and back. The NOTIFY payload is the
  // one notifyFeed sends: the targets, or "everyone pull" past PostgreSQL's 8000-byte limit.
  const [moved] = await tx.query<{ n: number }>(
    `WITH picked AS (
       SELECT id, workstation, row_number() OVER (ORDER BY id) AS n FROM (SELECT id, workstation FROM feed_outbox ORDER BY id LIMIT $2) AS p
     ), copied AS (
       INSERT INTO feed (seq, workstation, body, created_at)
       SELECT $1::bigint + p.n, o.workstation, o.body, o.created_at FROM picked p JOIN feed_outbox o ON o.id = p.id
     ), removed AS (
       DELETE FROM feed_outbox WHERE id IN (SELECT id FROM picked)
     ), summary AS (
       SELECT COUNT(*)::int AS n, string_agg(DISTINCT COALESCE(workstation, '*'), ',') AS targets FROM picked
     ), raised AS (
       UPDATE feed_head SET seq = $1::bigint + (SELECT n FROM summary) WHERE id = 1 AND (SELECT n FROM summary) > 0
     )
     SELECT n, CASE WHEN n > 0 THEN pg_notify($3, json_build_object('seq', $1::bigint + n, 'to', CASE WHEN length(targets) > 7000 THEN '*' ELSE targets END)::text) END AS notified
     FROM summary`,
    [base, limit, FEED_CHANNEL],
  );
  return Number(moved?.n ?? 0);
}

async function notifyFeed(tx: SqlRunner, last: number, workstations: readonly (string | null)[]): Promise<void> {
  const targets = new Set(workstations.map((w) => w ?? '*'));
  // NOTIFY payloads are limited to 8000 bytes: a long target list becomes "everyone pull".
  const list = [...targets].join(',');
  await tx.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, JSON.stringify({ seq: last, to: list.length > 7000 ? '*' : list })]);
}

export interface FeedCursor {
  e: string;
  s: number;
}

export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string): FeedCursor | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { e?: unknown; s?: unknown };
    if (typeof v.e === 'string' && typeof v.s === 'number' && Number.isInteger(v.s)) return { e: v.e, s: v.s };
  } catch {
    // an unreadable cursor is answered like a stale one
  }
  return null;
}

export async function feedEpoch(sql: SqlRunner): Promise<{ epoch: string; seq: number }> {
  const [row] = await sql.query<{ epoch: string; seq: number }>('SELECT epoch, seq FROM feed_head WHERE id = 1');
  return { epoch: row?.epoch ?? '', seq: Number(row?.seq ?? 0) };
}

/** Items after `afterSeq` for this window: two index range scans (own items, everyone's). */
export async function feedAfter(
  sql: SqlRunner,
  workstation: string,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; item: HallFeedItem }[]> {
  const rows = await sql.query<{ seq: number; body: string }>(
    `SELECT seq, body FROM (
       (SELECT seq, body FROM feed WHERE workstation = $2 AND seq > $1 ORDER BY seq LIMIT $3)
       UNION ALL
       (SELECT seq, body FROM feed WHERE workstation IS NULL AND seq > $1 ORDER BY seq LIMIT $3)
     ) AS f ORDER BY seq LIMIT $3`,
    [afterSeq, workstation, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), item: JSON.parse(r.body) as HallFeedItem }));
}
