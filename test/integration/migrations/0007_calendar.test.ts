import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 7 (calendar)', () => {
  it('keeps the open cases whose dates a later import moves, and records imports and moves', () => {
    old = databaseAt(versionBefore(7));
    const { db } = old;
    seedFoundation(db);
    const { caseId } = seedCase(db);
    old.migrateTo(7);
    db.prepare(
      "INSERT INTO calendar_imports (year, data, notice_text, imported_by, imported_at) VALUES (2027, '{}', '国务院办公厅关于2027年部分节假日安排的通知', 'u-admin', 'now')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO calendar_imports (year, data, notice_text, imported_at) VALUES (2027, '{}', 'again', 'now')").run(),
    ).toThrow(/UNIQUE/);
    const moved = JSON.stringify([{ caseId, caseNumber: 'W3-2026-000001', from: '2026-03-11', to: '2026-03-12' }]);
    db.prepare("INSERT INTO calendar_changes (at, reason, moved) VALUES ('now', '导入了2027年放假安排', ?)").run(moved);
    expect(db.prepare('SELECT seq, moved FROM calendar_changes').get()).toEqual({ seq: 1, moved });
    expect(db.prepare('SELECT due_on, status FROM item_cases WHERE id = ?').get(caseId)).toEqual({
      due_on: '2026-03-11',
      status: 'accepted',
    });
  });
});
