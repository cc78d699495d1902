import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, storedPayload, versionBefore, writeOldJournal, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 15 (hall)', () => {
  it('leaves the cases and the journal as they were, and the window starts as no hall’s window', () => {
    old = databaseAt(versionBefore(15));
    const { db } = old;
    seedFoundation(db);
    const seeded = seedCase(db);
    writeOldJournal(db, [{ ...storedPayload('case.accepted'), type: 'case.accepted' }]);
    const casesBefore = db.prepare('SELECT * FROM item_cases ORDER BY id').all();
    const journalBefore = db.prepare('SELECT * FROM journal ORDER BY seq').all();
    old.migrateTo(15);
    expect(db.prepare('SELECT * FROM item_cases ORDER BY id').all()).toEqual(casesBefore);
    expect(db.prepare('SELECT * FROM journal ORDER BY seq').all()).toEqual(journalBefore);
    // Not enrolled: no assignment, nothing routed or replicated yet.
    expect(db.prepare('SELECT COUNT(*) AS n FROM hall_assignment').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM hall_routes').get()).toEqual({ n: 0 });
    // A route for an existing case is recorded; the role is one of the three a hall gives.
    db.prepare(
      "INSERT INTO hall_routes (case_id, reason, route_id, case_number, routed_at) VALUES (?, 'review', 'r-1', 'W3-2026-000001', 'x')",
    ).run(seeded.caseId);
    expect(db.prepare('SELECT reason FROM hall_routes WHERE case_id = ?').get(seeded.caseId)).toEqual({ reason: 'review' });
    const assign = db.prepare(
      "INSERT INTO hall_assignment (id, hall_url, workstation_id, hall_name, hall_code, window_name, role, enrolled_at, updated_at) VALUES (1, 'http://hall', 'ws-3', '大厅', 'H1', '3号窗口', ?, 'x', 'x')",
    );
    expect(() => assign.run('cashier')).toThrow(/CHECK/);
    assign.run('counter');
    expect(db.prepare('SELECT role FROM hall_assignment').get()).toEqual({ role: 'counter' });
  });
});
