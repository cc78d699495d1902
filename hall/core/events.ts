import { eventHash } from '../../electron/store/journal';
import type { EventResult, WireEvent } from '../../electron/sync/wire';
import type { Sql, SqlRunner } from '../store/sql';
import { publish } from './feed';
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
  return sql.transaction(async (tx) => {
    const streams = [...new Set(events.map((e) => e.stream))].sort();
    await tx.query(
      'INSERT INTO streams (workstation, stream, checkpoint) SELECT $1, s, 0 FROM unnest($2::varchar[]) AS u(s) ORDER BY s ON CONFLICT (workstation, stream) DO NOTHING',
      [workstation, streams],
    );
    const locked = await tx.query<{ stream: string; checkpoint: number }>(
      'SELECT stream, checkpoint FROM streams WHERE workstation = $1 AND stream = ANY($2::varchar[]) ORDER BY stream FOR UPDATE',
      [workstation, streams],
    );
    const checkpoints = new Map(locked.map((r) => [r.stream, Number(r.checkpoint)]));
    const existing = new Map(
      (
        await tx.query<{ id: string; hash: string; receipt: number; received_at: string }>(
          'SELECT id, hash, receipt, received_at FROM events WHERE id = ANY($1::varchar[])',
          [events.map((e) => e.id)],
        )
      ).map((r) => [r.id, r]),
    );
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
      const missing = blobRefsOf(e.payload).find((sha) => !completeBlobs.has(sha));
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
      const last = new Map<string, WireEvent>();
      for (const e of accepted) last.set(e.stream, e);
      await tx.query(
        `UPDATE streams SET checkpoint = u.cp, last_event_id = u.id, last_received_at = $4
         FROM unnest($1::varchar[], $2::bigint[], $3::varchar[]) AS u(s, cp, id) WHERE streams.workstation = $5 AND streams.stream = u.s`,
        [[...last.keys()], [...last.values()].map((e) => e.streamSeq), [...last.values()].map((e) => e.id), receivedAt, workstation],
      );
      const newest = accepted.at(-1);
      const lag = newest ? Date.parse(receivedAt) - Date.parse(newest.at) : null;
      await tx.query('UPDATE workstations SET last_event_at = $2, lag_ms = $3 WHERE id = $1', [
        workstation,
        receivedAt,
        lag !== null && Number.isFinite(lag) ? Math.max(0, lag) : null,
      ]);
      await publish(tx, await routeAccepted(tx, workstation, accepted, receivedAt), receivedAt);
    }
    return results;
  });
}

async function insertEvents(
  tx: SqlRunner,
  workstation: string,
  events: readonly WireEvent[],
  receivedAt: string,
): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; receipt: number }>(
    `INSERT INTO events (id, workstation, ws_seq, stream, stream_seq, type, payload, actor, at, prev_hash, hash, received_at)
     SELECT id, $1, ws, st, ss, ty, pl, ac, at, ph, h, $2
     FROM unnest($3::varchar[], $4::bigint[], $5::varchar[], $6::bigint[], $7::varchar[], $8::text[], $9::varchar[], $10::varchar[], $11::char(64)[], $12::char(64)[])
       WITH ORDINALITY AS u(id, ws, st, ss, ty, pl, ac, at, ph, h, n)
     ORDER BY n
     RETURNING id, receipt`,
    [
      workstation,
      receivedAt,
      events.map((e) => e.id),
      events.map((e) => e.seq),
      events.map((e) => e.stream),
      events.map((e) => e.streamSeq),
      events.map((e) => e.type),
      events.map((e) => e.payload),
      events.map((e) => e.actor) as string[],
      events.map((e) => e.at),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
  return new Map(rows.map((r) => [r.id, String(r.receipt)]));
}

async function heldBlobs(tx: SqlRunner, events: readonly WireEvent[]): Promise<Set<string>> {
  const refs = [...new Set(events.flatMap((e) => blobRefsOf(e.payload)))];
  if (refs.length === 0) return new Set();
  return new Set(
    (await tx.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE complete AND sha256 = ANY($1::varchar[])', [refs])).map(
      (r) => r.sha256,
    ),
  );
}

export function blobRefsOf(payload: string): string[] {
  try {
    const parsed = JSON.parse(payload) as { blobRefs?: unknown } | null;
    const refs = parsed?.blobRefs;
    return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
