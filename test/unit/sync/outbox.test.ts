import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { GENESIS_HASH, appendEvents, eventHash } from '../../../electron/store/journal';
import { migrations } from '../../../electron/store/migrations';
import { applyFeedPage, eLicencesForHolder, feedCursor } from '../../../electron/sync/feed';
import {
  blobRefsOf,
  caseSyncState,
  markAcked,
  nextBatch,
  outboxCounts,
  parkedEvents,
  recordRefusal,
  retryParked,
  rewindStream,
} from '../../../electron/sync/outbox';
import type { FeedItem } from '../../../electron/sync/wire';
import { stepEvent } from '../../helpers/journal-events';

let dir: string;
let db: Db;
function fresh(): Db {
  dir = mkdtempSync(join(tmpdir(), 'ow-outbox-'));
  db = openDatabase(join(dir, 'ow.db'));
  return db;
}
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const append = (stream: string, n = 1): void => {
  db.transaction(() =>
    appendEvents(
      db,
      Array.from({ length: n }, (_, i) => stepEvent(stream, i, { actor: 'c' })),
    ),
  )();
};

describe('outbox', () => {
  it('queues every journal event in the same transaction, and queues a journal from before sync existed', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-outbox-'));
    const file = join(dir, 'old.db');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version < 5),
    );
    // Written as the program of that time did: no version column yet.
    const old1 = {
      id: 'old-1',
      stream: 'case:old',
      streamSeq: 1,
      type: 'case.withdrawn',
      payload: JSON.stringify({ caseId: 'old', caseNumber: 'T-1', reason: '撤回' }),
      actor: 'c',
      at: '2026-03-02T01:00:00.000Z',
    };
    old
      .prepare('INSERT INTO journal (id, stream, stream_seq, type, payload, actor, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(old1.id, old1.stream, old1.streamSeq, old1.type, old1.payload, old1.actor, old1.at, GENESIS_HASH, eventHash(GENESIS_HASH, old1));
    old.close();
    db = openDatabase(file);
    append('case:new', 2);
    expect(outboxCounts(db)).toEqual({ queued: 3, parked: 0, sent: 0 });
    expect(nextBatch(db, 10).map((e) => [e.stream, e.streamSeq])).toEqual([
      ['case:old', 1],
      ['case:new', 1],
      ['case:new', 2],
    ]);
    // A rolled-back acceptance leaves nothing queued.
    expect(() =>
      db.transaction(() => {
        appendEvents(db, [stepEvent('case:x', 1, { actor: null })]);
        throw new Error('printer jammed');
      })(),
    ).toThrow();
    expect(outboxCounts(db).queued).toBe(3);
  });

  it('marks sent on acks only, parks after N refusals, and holds the parked stream alone', () => {
    fresh();
    append('case:A', 3);
    append('case:B', 2);
    const [a1, a2] = nextBatch(db, 10);
    markAcked(db, [{ seq: a1!.seq, id: a1!.id, stream: 'case:A', streamSeq: 1, receipt: 'r1' }], 't0');
    expect(recordRefusal(db, a2!.seq, 'bad', 2, 't1')).toBe(false);
    expect(nextBatch(db, 10)).toHaveLength(4);
    expect(recordRefusal(db, a2!.seq, 'still bad', 2, 't2')).toBe(true);
    expect(nextBatch(db, 10).map((e) => e.stream)).toEqual(['case:B', 'case:B']);
    expect(parkedEvents(db)).toMatchObject([{ eventId: a2!.id, attempts: 2, lastError: 'still bad', parkedAt: 't2' }]);
    expect(caseSyncState(db, 'case:A')).toMatchObject({
      localEvents: 3,
      sent: 1,
      platformHoldsUpTo: 1,
      queued: 2,
      problem: { parked: true, error: 'still bad' },
    });
    expect(retryParked(db)).toBe(1);
    expect(nextBatch(db, 10)).toHaveLength(4);
    // The journal is untouched by all of this.
    expect((db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n).toBe(5);
  });

  it('requeues acknowledged events beyond the checkpoint the platform reports', () => {
    fresh();
    append('case:R', 4);
    markAcked(
      db,
      nextBatch(db, 10).map((e) => ({ seq: e.seq, id: e.id, stream: e.stream, streamSeq: e.streamSeq, receipt: 'r' })),
      't',
    );
    expect(outboxCounts(db)).toMatchObject({ queued: 0, sent: 4 });
    expect(rewindStream(db, 'case:R', 2)).toBe(2);
    expect(nextBatch(db, 10).map((e) => e.streamSeq)).toEqual([3, 4]);
    expect(outboxCounts(db)).toMatchObject({ queued: 2, sent: 2 });
  });

  it('reads blob references only from a top-level string array', () => {
    expect(blobRefsOf(JSON.stringify({ blobRefs: ['a', 1, 'b'] }))).toEqual(['a', 'b']);
    expect(blobRefsOf(JSON.stringify({ nested: { blobRefs: ['a'] } }))).toEqual([]);
    expect(blobRefsOf('[1,2]')).toEqual([]);
    expect(blobRefsOf('not json')).toEqual([]);
  });
});

describe('feed apply', () => {
  const licence: FeedItem = {
    kind: 'elicence',
    holderId: 'H1',
    licenceType: '营业执照',
    identifier: 'L1',
    validUntil: null,
    data: { v: 1 },
  };

  it('applies a page and its cursor together, and a replayed page changes nothing', () => {
    fresh();
    applyFeedPage(db, [licence, { kind: 'case-number-block', prefix: 'P', first: 1, last: 9 }], 'c1', 't');
    applyFeedPage(db, [licence, { kind: 'case-number-block', prefix: 'P', first: 1, last: 9 }], 'c1', 't');
    expect(feedCursor(db)).toBe('c1');
    expect(eLicencesForHolder(db, 'H1')).toHaveLength(1);
    expect((db.prepare('SELECT COUNT(*) AS n FROM case_number_blocks').get() as { n: number }).n).toBe(1);
  });

  it('leaves neither data nor cursor behind when a page fails half way', () => {
    fresh();
    const broken = { kind: 'routed-case', caseId: 'c', projectCode: null, itemCode: 'i', routedAt: 't', data: {} } as unknown as FeedItem;
    expect(() => applyFeedPage(db, [licence, broken], 'c2', 't')).toThrow();
    expect(feedCursor(db)).toBe('');
    expect(eLicencesForHolder(db, 'H1')).toEqual([]);
  });
});
