import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 10 (pre-acceptance)', () => {
  it('keeps the cases of schema 7 and adds numbered 一次性告知 / 不予受理 records', () => {
    old = databaseAt(versionBefore(10));
    const { db } = old;
    seedFoundation(db);
    const { caseId } = seedCase(db);
    old.migrateTo(10);
    const add = db.prepare(
      'INSERT INTO pre_acceptance_records (id, kind, number, stage, catalog_version, data, search, created_by, created_by_name, created_at, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    add.run(
      'r-1',
      'one-time-notice',
      'YCX-20260302-0001',
      1,
      '2026.1',
      '{}',
      '杭州某置业有限公司',
      'u-clerk',
      '李窗口',
      'now',
      '2026-03-02',
    );
    expect(() =>
      add.run('r-2', 'one-time-notice', 'YCX-20260302-0001', 1, '2026.1', '{}', '', 'u-clerk', '李窗口', 'now', '2026-03-02'),
    ).toThrow(/UNIQUE/);
    expect(() => add.run('r-3', 'warning', 'X-1', 1, '2026.1', '{}', '', 'u-clerk', '李窗口', 'now', '2026-03-02')).toThrow(/CHECK/);
    expect(db.prepare('SELECT number, kind, draft_id FROM pre_acceptance_records').all()).toEqual([
      { number: 'YCX-20260302-0001', kind: 'one-time-notice', draft_id: null },
    ]);
    expect(db.prepare('SELECT case_number FROM item_cases WHERE id = ?').get(caseId)).toEqual({ case_number: 'W3-2026-000001' });
  });
});
