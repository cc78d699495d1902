import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventHash } from '../../electron/store/journal';
import { parseJournalEvent } from '../../shared/journal';
import { journalDigestOf } from '../../electron/sync/digest';
import type { Checkpoint, EventResult, FeedItem, WireEvent } from '../../electron/sync/wire';

/**
 * The reference platform's own store: a separate SQLite file, nothing shared with a
 * workstation. Accepted events are the idempotency record (the first result is their row).
 */
const SCHEMA = /* sql */ `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  receipt INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workstation TEXT NOT NULL,
  ws_seq INTEGER NOT NULL,
  stream TEXT NOT NULL,
  stream_seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  payload TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (stream, stream_seq)
);
CREATE INDEX IF NOT EXISTS events_ws ON events (workstation, ws_seq);
CREATE TABLE IF NOT EXISTS blobs (
  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, offset INTEGER NOT NULL, complete INTEGER NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workstation TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoints (
  workstation TEXT NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL, head TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,
  PRIMARY KEY (workstation, seq)
);
CREATE TABLE IF NOT EXISTS elicences (
  identifier TEXT PRIMARY KEY, holder_id TEXT NOT NULL, licence_type TEXT NOT NULL, valid_until TEXT, data TEXT NOT NULL
);
`;

/** The payload text as JSON; text that is not JSON becomes a value no schema accepts. */
function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A platform-side rule an event can fail (the hook lets tests model a rule a payload breaks). */
export type EventRule = (event: WireEvent) => string | null;

export interface BlobStatus {
  sha256: string;
  size: number;
  offset: number;
  complete: boolean;
}

export type ChunkOutcome =
  | { ok: true; state: BlobStatus }
  | { ok: false; code: 'OFFSET_MISMATCH' | 'HASH_MISMATCH' | 'NOT_FOUND' | 'TOO_LARGE'; state?: BlobStatus };

interface EventRow {
  receipt: number;
  id: string;
  hash: string;
  stream: string;
  stream_seq: number;
  received_at: string;
}

export class PlatformStore {
  readonly db: Database.Database;
  private readonly blobDir: string;

  constructor(dbFile: string) {
    this.db = new Database(dbFile);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.blobDir = `${dbFile}.blobs`;
    mkdirSync(this.blobDir, { recursive: true });
    if (!this.meta('feed.epoch')) this.setMeta('feed.epoch', randomUUID());
  }

  close(): void {
    this.db.close();
  }

  meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  checkpoint(stream: string): number {
    return (this.db.prepare('SELECT COALESCE(MAX(stream_seq), 0) AS n FROM events WHERE stream = ?').get(stream) as { n: number }).n;
  }

  /** One batch, one transaction: per-stream order, first result for a repeated id, gaps refused. */
  acceptEvents(workstation: string, events: readonly WireEvent[], rule: EventRule | undefined, receivedAt: string): EventResult[] {
    const byId = this.db.prepare('SELECT receipt, id, hash, stream, stream_seq, received_at FROM events WHERE id = ?');
    const insert = this.db.prepare(
      'INSERT INTO events (id, workstation, ws_seq, stream, stream_seq, type, version, payload, actor, at, prev_hash, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.db.transaction(() =>
      events.map((e): EventResult => {
        const existing = byId.get(e.id) as EventRow | undefined;
        if (existing) {
          if (existing.hash !== e.hash)
            return { id: e.id, status: 'invalid', code: 'ID_REUSED', message: '事件编号已被另一条内容不同的事件使用' };
          return { id: e.id, status: 'accepted', receipt: String(existing.receipt), receivedAt: existing.received_at, repeated: true };
        }
        const checkpoint = this.checkpoint(e.stream);
        if (e.streamSeq <= checkpoint) {
          return {
            id: e.id,
            status: 'invalid',
            code: 'POSITION_TAKEN',
            message: `平台上该办件已有第 ${e.streamSeq} 条事件（可能由其他窗口提交），需人工核对`,
          };
        }
        if (e.streamSeq !== checkpoint + 1) return { id: e.id, status: 'gap', stream: e.stream, checkpoint };
        const hash = eventHash(e.prevHash, {
          id: e.id,
          stream: e.stream,
          streamSeq: e.streamSeq,
          type: e.type,
          version: e.version,
          payload: e.payload,
          actor: e.actor,
          at: e.at,
        });
        if (hash !== e.hash) return { id: e.id, status: 'invalid', code: 'HASH_MISMATCH', message: '事件内容与其哈希不符' };
        // The journal's schema, the same one the workstation checked on append (shared/journal).
        const typed = parseJournalEvent({ stream: e.stream, type: e.type, version: e.version, payload: parsePayload(e.payload) });
        if (!typed.ok) return { id: e.id, status: 'invalid', code: 'SCHEMA', message: typed.message };
        const missing = blobRefsOf(e.payload).filter((sha) => !this.blobComplete(sha));
        if (missing.length > 0)
          return { id: e.id, status: 'invalid', code: 'MISSING_BLOB', message: `平台尚未收到材料文件 ${missing[0]?.slice(0, 12)}…` };
        const broken = rule?.(e);
        if (broken) return { id: e.id, status: 'invalid', code: 'RULE', message: broken };
        const info = insert.run(
          e.id,
          workstation,
          e.seq,
          e.stream,
          e.streamSeq,
          e.type,
          e.version ?? 1,
          e.payload,
          e.actor,
          e.at,
          e.prevHash,
          e.hash,
          receivedAt,
        );
        return { id: e.id, status: 'accepted', receipt: String(info.lastInsertRowid), receivedAt, repeated: false };
      }),
    )();
  }

  /** Keeps the first head seen for each seq: a later, different one is reported, never stored. */
  addCheckpoint(workstation: string, c: Checkpoint, receivedAt: string): { seq: number; matches: boolean } {
    this.db
      .prepare('INSERT OR IGNORE INTO checkpoints (workstation, seq, count, head, at, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(workstation, c.seq, c.count, c.head, c.at, receivedAt);
    const held = this.db.prepare('SELECT head FROM checkpoints WHERE workstation = ? AND seq = ?').get(workstation, c.seq) as {
      head: string;
    };
    return { seq: c.seq, matches: held.head === c.head };
  }

  /** The checkpoint with the highest seq: a workstation that lost events cannot lower it. */
  latestCheckpoint(workstation: string): (Checkpoint & { receivedAt: string }) | null {
    const row = this.db
      .prepare('SELECT seq, count, head, at, received_at AS receivedAt FROM checkpoints WHERE workstation = ? ORDER BY seq DESC LIMIT 1')
      .get(workstation) as (Checkpoint & { receivedAt: string }) | undefined;
    return row ?? null;
  }

  streamState(stream: string): { stream: string; checkpoint: number; lastEventId: string | null; lastReceivedAt: string | null } {
    const row = this.db
      .prepare('SELECT id, stream_seq, received_at FROM events WHERE stream = ? ORDER BY stream_seq DESC LIMIT 1')
      .get(stream) as { id: string; stream_seq: number; received_at: string } | undefined;
    return { stream, checkpoint: row?.stream_seq ?? 0, lastEventId: row?.id ?? null, lastReceivedAt: row?.received_at ?? null };
  }

  eventCount(workstation?: string): number {
    const row = workstation
      ? this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE workstation = ?').get(workstation)
      : this.db.prepare('SELECT COUNT(*) AS n FROM events').get();
    return (row as { n: number }).n;
  }

  digest(workstation: string): { count: number; digest: string } {
    return journalDigestOf(
      this.db.prepare('SELECT id, hash FROM events WHERE workstation = ? ORDER BY ws_seq').iterate(workstation) as IterableIterator<{
        id: string;
        hash: string;
      }>,
    );
  }

  /**
   * Per-stream order as received: stream_seq runs 1..n with no hole, and the platform received
   * them in that order (receipts rise with stream_seq). Returns the streams that break it.
   */
  streamsOutOfOrder(): string[] {
    const rows = this.db.prepare('SELECT stream, stream_seq, receipt FROM events ORDER BY stream, stream_seq').all() as {
      stream: string;
      stream_seq: number;
      receipt: number;
    }[];
    const bad = new Set<string>();
    let prev: { stream: string; stream_seq: number; receipt: number } | undefined;
    for (const r of rows) {
      if (!prev || prev.stream !== r.stream) {
        if (r.stream_seq !== 1) bad.add(r.stream);
      } else if (r.stream_seq !== prev.stream_seq + 1 || r.receipt <= prev.receipt) {
        bad.add(r.stream);
      }
      prev = r;
    }
    return [...bad];
  }

  // --- blobs (tus-style) ---

  private blobFile(sha: string, part: boolean): string {
    return join(this.blobDir, part ? `${sha}.part` : sha);
  }

  blobComplete(sha: string): boolean {
    return this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ? AND complete = 1').get(sha) !== undefined;
  }

  blobState(sha: string, size: number, at: string): BlobStatus {
    const row = this.db.prepare('SELECT sha256, size, offset, complete FROM blobs WHERE sha256 = ?').get(sha) as
      { sha256: string; size: number; offset: number; complete: number } | undefined;
    if (row && (row.complete === 1 || row.size === size))
      return { sha256: sha, size: row.size, offset: row.offset, complete: row.complete === 1 };
    // A new upload, or the same name announced with another size (a broken earlier attempt).
    this.db
      .prepare(
        'INSERT INTO blobs (sha256, size, offset, complete, updated_at) VALUES (?, ?, 0, 0, ?) ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, offset = 0, complete = 0, updated_at = excluded.updated_at',
      )
      .run(sha, size, at);
    const fd = openSync(this.blobFile(sha, true), 'w');
    closeSync(fd);
    if (size === 0) return this.finish(sha, 0, at);
    return { sha256: sha, size, offset: 0, complete: false };
  }

  /** Appends one whole, authenticated chunk at the platform's offset; fsyncs before answering. */
  async appendChunk(sha: string, offset: number, bytes: Uint8Array, at: string): Promise<ChunkOutcome> {
    const row = this.db.prepare('SELECT size, offset, complete FROM blobs WHERE sha256 = ?').get(sha) as
      { size: number; offset: number; complete: number } | undefined;
    if (!row) return { ok: false, code: 'NOT_FOUND' };
    const state = { sha256: sha, size: row.size, offset: row.offset, complete: row.complete === 1 };
    if (state.complete) return { ok: true, state };
    if (offset !== row.offset) return { ok: false, code: 'OFFSET_MISMATCH', state };
    if (offset + bytes.byteLength > row.size) return { ok: false, code: 'TOO_LARGE', state };
    const fd = openSync(this.blobFile(sha, true), 'r+');
    try {
      let done = 0;
      while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done, offset + done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const next = offset + bytes.byteLength;
    this.db.prepare('UPDATE blobs SET offset = ?, updated_at = ? WHERE sha256 = ?').run(next, at, sha);
    if (next < row.size) return { ok: true, state: { ...state, offset: next } };
    const actual = await hashFile(this.blobFile(sha, true));
    if (actual !== sha) {
      const fd2 = openSync(this.blobFile(sha, true), 'r+');
      ftruncateSync(fd2, 0);
      closeSync(fd2);
      this.db.prepare('UPDATE blobs SET offset = 0, updated_at = ? WHERE sha256 = ?').run(at, sha);
      return { ok: false, code: 'HASH_MISMATCH', state: { ...state, offset: 0 } };
    }
    return { ok: true, state: this.finish(sha, row.size, at) };
  }

  private finish(sha: string, size: number, at: string): BlobStatus {
    renameSync(this.blobFile(sha, true), this.blobFile(sha, false));
    this.db.prepare('UPDATE blobs SET offset = ?, complete = 1, updated_at = ? WHERE sha256 = ?').run(size, at, sha);
    return { sha256: sha, size, offset: size, complete: true };
  }

  blobPath(sha: string): string | undefined {
    const file = this.blobFile(sha, false);
    return existsSync(file) ? file : undefined;
  }

  // --- feed ---

  publish(item: FeedItem, workstation: string | null, at: string): void {
    this.db.prepare('INSERT INTO feed (workstation, body, created_at) VALUES (?, ?, ?)').run(workstation, JSON.stringify(item), at);
  }

  feedAfter(workstation: string, afterSeq: number, limit: number): { seq: number; item: FeedItem }[] {
    const rows = this.db
      .prepare('SELECT seq, body FROM feed WHERE seq > ? AND (workstation IS NULL OR workstation = ?) ORDER BY seq LIMIT ?')
      .all(afterSeq, workstation, limit) as { seq: number; body: string }[];
    return rows.map((r) => ({ seq: r.seq, item: JSON.parse(r.body) as FeedItem }));
  }

  addElicence(l: { identifier: string; holderId: string; licenceType: string; validUntil: string | null; data: unknown }): void {
    this.db
      .prepare('INSERT OR REPLACE INTO elicences (identifier, holder_id, licence_type, valid_until, data) VALUES (?, ?, ?, ?, ?)')
      .run(l.identifier, l.holderId, l.licenceType, l.validUntil, JSON.stringify(l.data ?? null));
  }

  elicencesOf(holderId: string): FeedItem[] {
    const rows = this.db
      .prepare('SELECT identifier, holder_id, licence_type, valid_until, data FROM elicences WHERE holder_id = ?')
      .all(holderId) as {
      identifier: string;
      holder_id: string;
      licence_type: string;
      valid_until: string | null;
      data: string;
    }[];
    return rows.map((r) => ({
      kind: 'elicence',
      identifier: r.identifier,
      holderId: r.holder_id,
      licenceType: r.licence_type,
      validUntil: r.valid_until,
      data: JSON.parse(r.data) as unknown,
    }));
  }
}

function blobRefsOf(payload: string): string[] {
  try {
    const parsed = JSON.parse(payload) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return [];
    const refs = (parsed as { blobRefs?: unknown }).blobRefs;
    return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}
