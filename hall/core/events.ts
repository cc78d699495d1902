import { eventHash } from '../../electron/store/journal';
import type { EventResult, WireEvent } from '../../electron/sync/wire';
import type { Sql, SqlRunner } from '../store/sql';
import { payloadOf } from './case-events';
import { enqueue } from './feed';
import { feedPump } from './feed-pump';
import { routeAccepted } from './routing';

/**
 * `POST /v1/events` (protocol section 2) on the hall: one batch, one transaction. Positions are
 * per (workstation, stream) — each window numbers its own events of a case — and the window's
 * streams of the batch are locked in name order, so a retried and a late copy of a batch are
 * served one after the other; the event id is UNIQUE in the database, so a replayed
 * batch finds its first results and changes nothing. Routing runs in the same transaction.
 */
export async function acceptEvents(
  sql: Sql,
  workstation: string,
  events: readonly WireEvent[],
  receivedAt: string,
): Promise<EventResult[]> {
  const results = await acceptInTransaction(sql, workstation, events, receivedAt);
  // The routing is committed (in feed_outbox); answer once it is in the feed, so a window that
  // pulls after the acknowledgement finds it. If the pump fails now (database restarting) the
  // events are still stored and routed: the push channel's periodic pump moves them later.
  await feedPump(sql)
    .flush()
    .catch(() => undefined);
  return results;
}

async function acceptInTransaction(
  sql: Sql,
  workstation: string,
  events: readonly WireEvent[],
  receivedAt: string,
): Promise<EventResult[]> {
  return sql.transaction(async (tx) => {
    const streams = [...new Set(events.map((e) => e.stream))].sort();
    // Creates the window's missing stream rows and locks all of them (in name order) in one go.
    const locked = await tx.query<{ stream: string; checkpoint: number }>(
      `INSERT INTO streams (workstation, stream, checkpoint) SELECT $1, s, 0 FROM unnest($2::varchar[]) AS u(s) ORDER BY s
       ON CONFLICT (workstation, stream) DO UPDATE SET checkpoint = streams.checkpoint
       RETURNING stream, checkpoint`,
      [workstation, streams],
    );
    const checkpoints = new Map(locked.map((r) => [r.stream, Number(r.checkpoint)]));
    const newToWindow = new Set(locked.filter((r) => Number(r.checkpoint) === 0).map((r) => r.stream));
    // After the lock (a fresh snapshot): events a retried copy of this batch stored meanwhile,
    // and which streams other windows also wrote (their events must be read back for routing).
    const held = await tx.query<{ id: string | null; hash: string; receipt: number; received_at: string; shared: string | null }>(
      `SELECT id, hash, receipt, received_at, NULL AS shared FROM events WHERE id = ANY($1::varchar[])
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, u.s FROM unnest($2::varchar[]) AS u(s) WHERE EXISTS (SELECT 1 FROM events WHERE stream = u.s AND workstation <> $3)`,
      [events.map((e) => e.id), streams, workstation],
    );
    const existing = new Map(held.filter((r) => r.id !== null).map((r) => [r.id, r]));
    const shared = new Set(held.map((r) => r.shared).filter((s): s is string => s !== null));
    const completeBlobs = await heldBlobs(tx, events);
    const results: EventResult[] = [];
    const accepted: WireEvent[] = [];
    const seenInBatch = new Map<string, string>();
    for (const e of events) {
      const first = existing.get(e.id);
      const inBatch = seenInBatch.get(e.id);
      if (first || inBatch) {
        const hash = first?.hash ?? inBatch;
        if (hash !== e.hash)
          results.push({ id: e.id, status: 'invalid', code: 'ID_REUSED', message: '事件编号已被另一条内容不同的事件使用' });
        else
          results.push({
            id: e.id,
            status: 'accepted',
            receipt: first ? String(first.receipt) : 'pending',
            receivedAt: first?.received_at ?? receivedAt,
            repeated: true,
          });
        continue;
      }
      const checkpoint = checkpoints.get(e.stream) ?? 0;
      if (e.streamSeq <= checkpoint) {
        results.push({
          id: e.id,
          status: 'invalid',
          code: 'POSITION_TAKEN',
          message: `大厅服务器上本窗口该记录已有第 ${e.streamSeq} 条事件，内容不同，需人工核对`,
        });
        continue;
      }
      if (e.streamSeq !== checkpoint + 1) {
        results.push({ id: e.id, status: 'gap', stream: e.stream, checkpoint });
        continue;
      }
      const hash = eventHash(e.prevHash, {
        id: e.id,
        stream: e.stream,
        streamSeq: e.streamSeq,
        type: e.type,
        // The version joins the hash from 2 on (electron/store/journal.ts): without it a v2 event is refused.
        version: e.version,
        payload: e.payload,
        actor: e.actor,
        at: e.at,
      });
      if (hash !== e.hash) {
        results.push({ id: e.id, status: 'invalid', code: 'HASH_MISMATCH', message: '事件内容与其哈希不符' });
        continue;
      }
      const missing = blobRefsOfEvent(e).find((sha) => !completeBlobs.has(sha));
      if (missing) {
        results.push({ id: e.id, status: 'invalid', code: 'MISSING_BLOB', message: `大厅服务器尚未收到材料文件 ${missing.slice(0, 12)}…` });
        continue;
      }
      checkpoints.set(e.stream, e.streamSeq);
      seenInBatch.set(e.id, e.hash);
      accepted.push(e);
      results.push({ id: e.id, status: 'accepted', receipt: 'pending', receivedAt, repeated: false });
    }
    if (accepted.length > 0) {
      const receipts = await insertEvents(tx, workstation, accepted, receivedAt);
      for (const r of results) if (r.status === 'accepted' && r.receipt === 'pending') r.receipt = receipts.get(r.id) ?? r.receipt;
      // Streams whose every event the hall holds is in this batch: routing needs not read them back.
      const fresh = new Set([...newToWindow].filter((st) => !shared.has(st)));
      await enqueue(tx, await routeAccepted(tx, workstation, accepted, receivedAt, fresh), receivedAt);
    }
    return results;
  });
}

/**
 * Stores the accepted events in receipt order, moves the window's stream positions and notes
 * its lag: one statement. The events travel as one JSON document (serialised natively here,
 * parsed in the database) rather than as text arrays, which `pg` escapes character by character.
 */
async function insertEvents(
  tx: SqlRunner,
  workstation: string,
  events: readonly WireEvent[],
  receivedAt: string,
): Promise<Map<string, string>> {
  const last = new Map<string, WireEvent>();
  for (const e of events) last.set(e.stream, e);
  const newest = events.at(-1);
  const lag = newest ? Date.parse(receivedAt) - Date.parse(newest.at) : null;
  const rows = await tx.query<{ id: string; receipt: number }>(
    `WITH stored AS (
       INSERT INTO events (id, workstation, ws_seq, stream, stream_seq, type, version, payload, actor, at, prev_hash, hash, received_at)
       SELECT u.e->>'id', $1, (u.e->>'seq')::bigint, u.e->>'stream', (u.e->>'streamSeq')::bigint, u.e->>'type',
              COALESCE((u.e->>'version')::int, 1), u.e->>'payload', u.e->>'actor', u.e->>'at', u.e->>'prevHash', u.e->>'hash', $2
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS u(e, n)
       ORDER BY u.n
       RETURNING id, receipt
     ), positions AS (
       UPDATE streams SET checkpoint = u.cp, last_event_id = u.id, last_received_at = $2
       FROM unnest($4::varchar[], $5::bigint[], $6::varchar[]) AS u(s, cp, id) WHERE streams.workstation = $1 AND streams.stream = u.s
     ), contact AS (
       UPDATE workstations SET last_event_at = $2, lag_ms = $7 WHERE id = $1
     )
     SELECT id, receipt FROM stored`,
    [
      workstation,
      receivedAt,
      JSON.stringify(events),
      [...last.keys()],
      [...last.values()].map((e) => e.streamSeq),
      [...last.values()].map((e) => e.id),
      lag !== null && Number.isFinite(lag) ? Math.max(0, lag) : null,
    ],
  );
  return new Map(rows.map((r) => [r.id, String(r.receipt)]));
}

async function heldBlobs(tx: SqlRunner, events: readonly WireEvent[]): Promise<Set<string>> {
  const refs = [...new Set(events.flatMap((e) => blobRefsOfEvent(e)))];
  if (refs.length === 0) return new Set();
  return new Set(
    (await tx.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE complete AND sha256 = ANY($1::varchar[])', [refs])).map(
      (r) => r.sha256,
    ),
  );
}

/** The event's blob references (its payload parsed once per event: case-events.ts payloadValue). */
export function blobRefsOfEvent(e: { readonly payload: string }): string[] {
  // Most events name no blob: do not parse their payload for nothing. A key spelled with \u
  // escapes is still parsed.
  if (!e.payload.includes('"blobRefs"') && !e.payload.includes('\\u')) return [];
  const refs = payloadOf(e).blobRefs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}
