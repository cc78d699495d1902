import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents, streamEvents, typedEvent, verifyJournal } from '../../../electron/store/journal';
import { nextBatch } from '../../../electron/sync/outbox';
import { databaseAt, seedFoundation, storedPayload, versionBefore, writeOldJournal, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 14 (journal version)', () => {
  it('marks every earlier event version 1, keeps the chain verifying, and lifts old payloads on read', () => {
    old = databaseAt(versionBefore(14));
    const { db } = old;
    seedFoundation(db);
    const recomputed = storedPayload('case.deadline-recomputed');
    const head = writeOldJournal(db, [
      { ...storedPayload('case.accepted'), type: 'case.accepted' },
      { ...recomputed, type: 'case.deadline-recomputed' },
    ]);
    old.migrateTo(14);
    expect(db.prepare('SELECT type, version FROM journal ORDER BY seq').all()).toEqual([
      { type: 'case.accepted', version: 1 },
      { type: 'case.deadline-recomputed', version: 1 },
    ]);
    expect(verifyJournal(db)).toEqual({ ok: true, events: 2, head });
    const [stored] = streamEvents(db, recomputed.stream).filter((e) => e.type === 'case.deadline-recomputed');
    expect(typedEvent(stored!)).toMatchObject({ version: 2, payload: { caseId: recomputed.stream.slice('case:'.length) } });
    // New events carry today's version, on the chain after the old ones, and travel with it.
    db.transaction(() =>
      appendEvents(db, [
        {
          stream: recomputed.stream,
          type: 'case.deadline-recomputed',
          payload: { caseId: 'c', caseNumber: 'W3-2026-000001', from: '2026-03-11', to: '2026-03-12', reason: '调休' },
          actor: null,
        },
      ]),
    )();
    expect(verifyJournal(db)).toMatchObject({ ok: true, events: 3 });
    expect(nextBatch(db, 10).map((e) => e.version)).toEqual([1, 1, 2]);
  });
});
