import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { databaseAt, seedFoundation, storedPayload, versionBefore, writeOldJournal, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 5 (sync)', () => {
  it('queues every event journaled before sync existed, in order, and every later one with its append', () => {
    old = databaseAt(versionBefore(5));
    const { db } = old;
    seedFoundation(db);
    const accepted = storedPayload('case.accepted');
    const decided = storedPayload('case.decided');
    writeOldJournal(db, [
      { ...storedPayload('project.registered'), type: 'project.registered' },
      { ...accepted, type: 'case.accepted' },
      { ...decided, type: 'case.decided' },
    ]);
    old.migrateTo(5);
    expect(db.prepare('SELECT o.seq, o.stream, o.attempts, o.parked_at FROM sync_outbox o ORDER BY o.seq').all()).toEqual([
      { seq: 1, stream: storedPayload('project.registered').stream, attempts: 0, parked_at: null },
      { seq: 2, stream: accepted.stream, attempts: 0, parked_at: null },
      { seq: 3, stream: decided.stream, attempts: 0, parked_at: null },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_acks').get()).toEqual({ n: 0 });
    // The append of today's program (it writes the version column of migration 14) needs the
    // rest of the migrations; the trigger is what this migration adds.
    old.migrateTo(14);
    db.transaction(() =>
      appendEvents(db, [{ stream: 'workstation', type: 'user.password-changed', payload: { userId: 'u-clerk' }, actor: 'u-admin' }]),
    )();
    expect(db.prepare('SELECT seq, stream FROM sync_outbox WHERE seq = 4').get()).toEqual({ seq: 4, stream: 'workstation' });
  });
});
