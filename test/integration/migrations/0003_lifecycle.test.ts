import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 3 (lifecycle)', () => {
  it('gives a case accepted before the lifecycle its facts with safe defaults, and keeps what it had', () => {
    old = databaseAt(versionBefore(3));
    const { db } = old;
    seedFoundation(db);
    const { caseId, applicationId } = seedCase(db);
    old.migrateTo(3);
    expect(
      db
        .prepare(
          'SELECT case_number, status, due_on, supervised, paused, fee_allowed, deficiency_open, had_correction, decision, record FROM item_cases WHERE id = ?',
        )
        .get(caseId),
    ).toEqual({
      case_number: 'W3-2026-000001',
      status: 'accepted',
      due_on: '2026-03-11',
      // Not supervised until the board knows it: an old case does not turn red overnight.
      supervised: 0,
      paused: 0,
      fee_allowed: 0,
      deficiency_open: 0,
      had_correction: 0,
      decision: null,
      record: '{}',
    });
    expect(db.prepare('SELECT mode, parties, materials FROM stage_applications WHERE id = ?').get(applicationId)).toEqual({
      mode: 'accept',
      parties: '{}',
      materials: '[]',
    });
    db.prepare(
      "INSERT INTO case_fees (id, case_id, amount_fen, basis, payment_ref, recorded_at) VALUES ('f-1', ?, 5000, '工本费', 'P-1', 'now')",
    ).run(caseId);
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_fees (id, case_id, amount_fen, basis, payment_ref, recorded_at) VALUES ('f-2', ?, 0, '工本费', 'P-2', 'now')",
        )
        .run(caseId),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_fees (id, case_id, amount_fen, basis, payment_ref, recorded_at) VALUES ('f-3', 'no-such-case', 100, 'x', 'P-3', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
