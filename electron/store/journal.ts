import { createHash, randomUUID } from 'node:crypto';
import {
  currentVersion,
  parseJournalEvent,
  upgradeEvent,
  type JournalEventType,
  type JournalPayloadInput,
  type TypedJournalEvent,
} from '../../shared/journal';
import type { Db } from './database';

export const GENESIS_HASH = '0'.repeat(64);

/** One event to append, its payload typed by its type (shared/journal). */
export type JournalEventInput = {
  [T in JournalEventType]: {
    /** What the event belongs to, e.g. `case:<id>`, `project:<code>`, `workstation`. */
    stream: string;
    type: T;
    payload: JournalPayloadInput<T>;
    actor: string | null;
    /** Local time as evidence; order comes from seq, never from clocks. */
    at?: string;
    id?: string;
  };
}[JournalEventType];

export interface JournalEvent {
  seq: number;
  id: string;
  stream: string;
  streamSeq: number;
  type: string;
  /** The version of the type's payload schema it was written with. */
  version: number;
  /** As stored (what the hash covers); `typedEvent` lifts it to the current version. */
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
  version: number;
  payload: string;
  actor: string | null;
  at: string;
  prev_hash: string;
  hash: string;
}

/**
 * The hash covers everything but seq, so the platform can recompute it from synced events. The
 * version joins the hashed fields only from 2 on: every hash made before versions stays valid.
 */
export function eventHash(
  prevHash: string,
  e: Omit<JournalEvent, 'seq' | 'hash' | 'prevHash' | 'payload' | 'version'> & { payload: string; version?: number | undefined },
): string {
  const fields: unknown[] = [e.id, e.stream, e.streamSeq, e.type, e.payload, e.actor, e.at];
  if (e.version !== undefined && e.version > 1) fields.push(e.version);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends events to the journal. Must run inside the caller's transaction, together with the
 * projection updates the events describe.
 */
export function appendEvents(db: Db, inputs: readonly JournalEventInput[]): JournalEvent[] {
  const last = db.prepare('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const streamSeqStmt = db.prepare('SELECT COALESCE(MAX(stream_seq), 0) AS n FROM journal WHERE stream = ?');
  const insert = db.prepare(
    'INSERT INTO journal (id, stream, stream_seq, type, version, payload, actor, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let prevHash = last?.hash ?? GENESIS_HASH;
  const out: JournalEvent[] = [];
  for (const input of inputs) {
    // A payload that does not fit its schema is a bug in the command: the transaction rolls back.
    const version = currentVersion(input.type);
    const checked = parseJournalEvent({ stream: input.stream, type: input.type, version, payload: input.payload });
    if (!checked.ok) throw new Error(`journal: refusing ${input.type} on ${input.stream}: ${checked.message}`);
    const streamSeq = (streamSeqStmt.get(input.stream) as { n: number }).n + 1;
    const id = input.id ?? randomUUID();
    const at = input.at ?? new Date().toISOString();
    const payload = JSON.stringify(input.payload);
    const hash = eventHash(prevHash, { id, stream: input.stream, streamSeq, type: input.type, version, payload, actor: input.actor, at });
    const info = insert.run(id, input.stream, streamSeq, input.type, version, payload, input.actor, at, prevHash, hash);
    out.push({
      seq: Number(info.lastInsertRowid),
      id,
      stream: input.stream,
      streamSeq,
      type: input.type,
      version,
      payload: input.payload,
      actor: input.actor,
      at,
      prevHash,
      hash,
    });
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
    version: row.version,
    payload: JSON.parse(row.payload) as unknown,
    actor: row.actor,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The event's type and payload at the current version, lifted from an older one if need be. */
export function typedEvent(e: Pick<JournalEvent, 'stream' | 'type' | 'version' | 'payload'>): TypedJournalEvent {
  return upgradeEvent(e);
}

export function readEvents(db: Db, afterSeq: number, limit: number): JournalEvent[] {
  const rows = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as JournalRow[];
  return rows.map(rowToEvent);
}

export function streamEvents(db: Db, stream: string): JournalEvent[] {
  const rows = db.prepare('SELECT * FROM journal WHERE stream = ? ORDER BY seq').all(stream) as JournalRow[];
  return rows.map(rowToEvent);
}

export type AuditResult = { ok: true; events: number; head: string } | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole chain and reports the first broken link. */
export function verifyJournal(db: Db): AuditResult {
  let prevHash = GENESIS_HASH;
  let count = 0;
  const streamCounters = new Map<string, number>();
  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
    count++;
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        events: count,
        brokenAt: row.seq,
        reason: `第 ${row.seq} 条事件的前序哈希与上一条不符（事件被删除、插入或改动）`,
      };
    }
    const expected = eventHash(prevHash, {
      id: row.id,
      stream: row.stream,
      streamSeq: row.stream_seq,
      type: row.type,
      version: row.version,
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
