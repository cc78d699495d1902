import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './database';

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalEventInput {
  /** What the event belongs to, e.g. `case:<id>`, `project:<code>`, `workstation`. */
  stream: string;
  type: string;
  payload: unknown;
  actor: string | null;
  /** Local time as evidence; order comes from seq, never from clocks. */
  at?: string;
  id?: string;
}

export interface JournalEvent {
  seq: number;
  id: string;
  stream: string;
  streamSeq: number;
  type: string;
  payload: unknown;
  actor: string | null;
  at: string;
  prevHash: string;
  hash: string;
}

export interface JournalRow {
  seq: number;
  id: string;
  stream: string;
  stream_seq: number;
  type: string;
  payload: string;
  actor: string | null;
  at: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers everything but seq, so the platform can recompute it from synced events. */
export function eventHash(prevHash: string, e: Omit<JournalEvent, 'seq' | 'hash' | 'prevHash' | 'payload'> & { payload: string }): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([e.id, e.stream, e.streamSeq, e.type, e.payload, e.actor, e.at]))
    .digest('hex');
}

/**
 * Appends events to the journal. Must run inside the caller's transaction, together with the
 * projection updates the events describe.
 */
export function appendEvents(db: Db, inputs: readonly JournalEventInput[]): JournalEvent[] {
  const last = db.prepare('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const streamSeqStmt = db.prepare('SELECT COALESCE(MAX(stream_seq), 0) AS n FROM journal WHERE stream = ?');
  const insert = db.prepare(
    'INSERT INTO journal (id, stream, stream_seq, type, payload, actor, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let prevHash = last?.hash ?? GENESIS_HASH;
  const out: JournalEvent[] = [];
  for (const input of inputs) {
    const streamSeq = (streamSeqStmt.get(input.stream) as { n: number }).n + 1;
    const id = input.id ?? randomUUID();
    const at = input.at ?? new Date().toISOString();
    const payload = JSON.stringify(input.payload ?? null);
    const hash = eventHash(prevHash, { id, stream: input.stream, streamSeq, type: input.type, payload, actor: input.actor, at });
    const info = insert.run(id, input.stream, streamSeq, input.type, payload, input.actor, at, prevHash, hash);
    out.push({ seq: Number(info.lastInsertRowid), id, stream: input.stream, streamSeq, type: input.type, payload: input.payload ?? null, actor: input.actor, at, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

export function rowToEvent(row: JournalRow): JournalEvent {
  return {
    seq: row.seq,
    id: row.id,
    stream: row.stream,
    streamSeq: row.stream_seq,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    actor: row.actor,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function readEvents(db: Db, afterSeq: number, limit: number): JournalEvent[] {
  const rows = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as JournalRow[];
  return rows.map(rowToEvent);
}

export function streamEvents(db: Db, stream: string): JournalEvent[] {
  const rows = db.prepare('SELECT * FROM journal WHERE stream = ? ORDER BY seq').all(stream) as JournalRow[];
  return rows.map(rowToEvent);
}

export type AuditResult =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole chain and reports the first broken link. */
export function verifyJournal(db: Db): AuditResult {
  let prevHash = GENESIS_HASH;
  let count = 0;
  const streamCounters = new Map<string, number>();
  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
    count++;
    if (row.prev_hash !== prevHash) {
      return { ok: false, events: count, brokenAt: row.seq, reason: `第 ${row.seq} 条事件的前序哈希与上一条不符（事件被删除、插入或改动）` };
    }
    const expected = eventHash(prevHash, {
      id: row.id,
      stream: row.stream,
      streamSeq: row.stream_seq,
      type: row.type,
      payload: row.payload,
      actor: row.actor,
      at: row.at,
    });
    if (expected !== row.hash) {
      return { ok: false, events: count, brokenAt: row.seq, reason: `第 ${row.seq} 条事件（${row.type}）的内容与其哈希不符（内容被改动）` };
    }
    const n = (streamCounters.get(row.stream) ?? 0) + 1;
    if (row.stream_seq !== n) {
      return { ok: false, events: count, brokenAt: row.seq, reason: `第 ${row.seq} 条事件在 ${row.stream} 中的序号不连续` };
    }
    streamCounters.set(row.stream, n);
    prevHash = row.hash;
  }
  return { ok: true, events: count, head: prevHash };
}
