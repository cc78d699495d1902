import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/store/journal';
import { databaseAt, seedCase, seedFoundation, storedPayload, versionBefore, writeOldJournal, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 2 (cases)', () => {
  it('keeps the users and journal of schema 1 and adds the case projections, one case number each', () => {
    old = databaseAt(versionBefore(2));
    const { db } = old;
    seedFoundation(db);
    const head = writeOldJournal(db, [{ ...storedPayload('user.created'), type: 'user.created' }]);
    old.migrateTo(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 2 });
    expect(verifyJournal(db)).toEqual({ ok: true, events: 1, head });
    seedCase(db);
    expect(db.prepare('SELECT case_number, item_name, status, due_on FROM item_cases').get()).toEqual({
      case_number: 'W3-2026-000001',
      item_name: '建设用地规划许可证核发',
      status: 'accepted',
      due_on: '2026-03-11',
    });
    // A case number is handed out once.
    expect(() => seedCase(db, { caseId: 'c-2', applicationId: 'a-2' })).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_number_blocks (prefix, first, last, next, source, received_at) VALUES ('W3', 1, 100, 1, 'borrowed', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
