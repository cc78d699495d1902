import type { JournalRow } from '../store/journal';
import type { Db } from '../store/database';
import type { WireEvent } from './wire';

/** Journal events the platform has not acknowledged, and what the relay knows about them. */

type OutboxRow = JournalRow;

export interface ParkedEvent {
  eventId: string;
  seq: number;
  stream: string;
  streamSeq: number;
  type: string;
  attempts: number;
  lastError: string | null;
  parkedAt: string;
}

export interface OutboxCounts {
  queued: number;
  parked: number;
  sent: number;
}

/**
 * The next events to send, in journal order. A stream with a parked event is held back whole:
 * the platform would refuse its later events as a gap anyway, and other streams go on.
 */
export function nextBatch(db: Db, limit: number): WireEvent[] {
  const rows = db
    .prepare(
      `SELECT j.seq, j.id, j.stream, j.stream_seq, j.type, j.version, j.payload, j.actor, j.at, j.prev_hash, j.hash
         FROM sync_outbox o JOIN journal j ON j.seq = o.seq
        WHERE o.stream NOT IN (SELECT stream FROM sync_outbox WHERE parked_at IS NOT NULL)
        ORDER BY o.seq LIMIT ?`,
    )
    .all(limit) as OutboxRow[];
  return rows.map(wireEventOf);
}

/** A journal row as it travels: the payload as stored, which is what the hash covers. */
export function wireEventOf(r: JournalRow): WireEvent {
  return {
    id: r.id,
    seq: r.seq,
    stream: r.stream,
    streamSeq: r.stream_seq,
    type: r.type,
    version: r.version,
    payload: r.payload,
    actor: r.actor,
    at: r.at,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface Ack {
  seq: number;
  id: string;
  stream: string;
  streamSeq: number;
  receipt: string;
}

/** Records explicit acknowledgements; only these move an event from queued to sent. */
export function markAcked(db: Db, acks: readonly Ack[], at: string): void {
  if (acks.length === 0) return;
  const insert = db.prepare(
    'INSERT OR IGNORE INTO sync_acks (seq, event_id, stream, stream_seq, receipt, acked_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const dequeue = db.prepare('DELETE FROM sync_outbox WHERE seq = ?');
  db.transaction(() => {
    for (const a of acks) {
      insert.run(a.seq, a.id, a.stream, a.streamSeq, a.receipt, at);
      dequeue.run(a.seq);
    }
  })();
}

/** Counts a refusal; returns true when this one parked the event. */
export function recordRefusal(db: Db, seq: number, message: string, maxAttempts: number, at: string): boolean {
  const row = db
    .prepare(
      'UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? WHERE seq = ? RETURNING attempts, parked_at',
    )
    .get(message, at, seq) as { attempts: number; parked_at: string | null } | undefined;
  if (!row || row.parked_at !== null || row.attempts < maxAttempts) return false;
  db.prepare('UPDATE sync_outbox SET parked_at = ? WHERE seq = ?').run(at, seq);
  return true;
}

/**
 * The platform says it holds this stream only up to `checkpoint` (e.g. restored from a backup):
 * acknowledgements beyond it no longer hold, so those events are queued again, in order.
 */
export function rewindStream(db: Db, stream: string, checkpoint: number): number {
  return db.transaction(() => {
    const revoked = db.prepare('SELECT seq FROM sync_acks WHERE stream = ? AND stream_seq > ?').all(stream, checkpoint) as {
      seq: number;
    }[];
    const requeue = db.prepare('INSERT OR IGNORE INTO sync_outbox (seq, stream) VALUES (?, ?)');
    const unack = db.prepare('DELETE FROM sync_acks WHERE seq = ?');
    for (const r of revoked) {
      unack.run(r.seq);
      requeue.run(r.seq, stream);
    }
    return revoked.length;
  })();
}

export function retryParked(db: Db, eventId?: string): number {
  const info = eventId
    ? db
        .prepare(
          'UPDATE sync_outbox SET parked_at = NULL, attempts = 0 WHERE parked_at IS NOT NULL AND seq = (SELECT seq FROM journal WHERE id = ?)',
        )
        .run(eventId)
    : db.prepare('UPDATE sync_outbox SET parked_at = NULL, attempts = 0 WHERE parked_at IS NOT NULL').run();
  return info.changes;
}

export function outboxCounts(db: Db): OutboxCounts {
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM sync_outbox WHERE parked_at IS NULL) AS queued,
              (SELECT COUNT(*) FROM sync_outbox WHERE parked_at IS NOT NULL) AS parked,
              (SELECT COUNT(*) FROM sync_acks) AS sent`,
    )
    .get() as OutboxCounts;
  return row;
}

export function parkedEvents(db: Db): ParkedEvent[] {
  return db
    .prepare(
      `SELECT j.id AS eventId, j.seq, j.stream, j.stream_seq AS streamSeq, j.type, o.attempts, o.last_error AS lastError, o.parked_at AS parkedAt
         FROM sync_outbox o JOIN journal j ON j.seq = o.seq WHERE o.parked_at IS NOT NULL ORDER BY o.seq`,
    )
    .all() as ParkedEvent[];
}

export interface CaseSyncState {
  stream: string;
  localEvents: number;
  /** Events of this stream the platform acknowledged. */
  sent: number;
  /** The platform holds this stream up to here (the highest acknowledged stream_seq). */
  platformHoldsUpTo: number;
  queued: number;
  lastAckedAt: string | null;
  /** The first refused event of the stream, if any, with the platform's reason. */
  problem: { eventId: string; type: string; attempts: number; error: string | null; parked: boolean } | null;
}

export function caseSyncState(db: Db, stream: string): CaseSyncState {
  const local = db.prepare('SELECT COUNT(*) AS n FROM journal WHERE stream = ?').get(stream) as { n: number };
  const acked = db
    .prepare('SELECT COUNT(*) AS n, COALESCE(MAX(stream_seq), 0) AS top, MAX(acked_at) AS last FROM sync_acks WHERE stream = ?')
    .get(stream) as { n: number; top: number; last: string | null };
  const queued = db.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE stream = ?').get(stream) as { n: number };
  const problem = db
    .prepare(
      `SELECT j.id AS eventId, j.type, o.attempts, o.last_error AS error, o.parked_at IS NOT NULL AS parked
         FROM sync_outbox o JOIN journal j ON j.seq = o.seq WHERE o.stream = ? AND o.attempts > 0 ORDER BY o.seq LIMIT 1`,
    )
    .get(stream) as { eventId: string; type: string; attempts: number; error: string | null; parked: number } | undefined;
  return {
    stream,
    localEvents: local.n,
    sent: acked.n,
    platformHoldsUpTo: acked.top,
    queued: queued.n,
    lastAckedAt: acked.last,
    problem: problem ? { ...problem, parked: problem.parked === 1 } : null,
  };
}

/** Top-level `blobRefs: string[]` of an event payload: blobs the platform must hold first. */
export function blobRefsOf(payloadJson: string): string[] {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson) as unknown;
  } catch {
    return [];
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [];
  const refs = (payload as { blobRefs?: unknown }).blobRefs;
  if (!Array.isArray(refs)) return [];
  return refs.filter((r): r is string => typeof r === 'string');
}
