/**
 * Migration 13 (board keyset indexes) on a store that holds cases from before it: the cases stay
 * as they were, the old board indexes are gone, and the board's level counts and pages read the
 * new indexes (checked with EXPLAIN QUERY PLAN, not a clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';
import { migrations } from '../../../electron/store/migrations';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 13: board keyset indexes', () => {
  it('keeps the cases, replaces the board indexes, and the board queries search them', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-mig13-'));
    const file = join(dir, 'ow.db');
    const before = openDatabase(
      file,
      migrations.filter((m) => m.version < 13),
    );
    before.prepare("INSERT INTO projects (id, code, name, created_at, updated_at) VALUES ('p1', 'C1', '项目', 'x', 'x')").run();
    before
      .prepare(
        "INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, created_at, updated_at) VALUES ('a1', 'p1', 1, '2026.1', 'accepted', 'x', 'x')",
      )
      .run();
    const insert = before.prepare(
      `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, clerk_id, promised_value, promised_unit, due_on, supervised, paused, created_at, updated_at)
       VALUES (?, ?, 'a1', 'p1', 'X', '事项', ?, 'accepted', 'u1', 5, 'workday', ?, 1, ?, 'x', 'x')`,
    );
    for (let i = 0; i < 50; i++)
      insert.run(
        `c${i}`,
        `N-${i}`,
        i % 2 ? '甲局' : '乙局',
        i % 7 ? `2026-03-${String(1 + (i % 28)).padStart(2, '0')}` : null,
        i % 5 === 0 ? 1 : 0,
      );
    const rowsBefore = before.prepare('SELECT * FROM item_cases ORDER BY id').all();
    expect(before.prepare("SELECT name FROM sqlite_master WHERE name = 'item_cases_board'").get()).toBeDefined();
    before.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(13);
      expect(db.prepare('SELECT * FROM item_cases ORDER BY id').all()).toEqual(rowsBefore);
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'item_cases_board%' ORDER BY name")
        .pluck()
        .all() as string[];
      expect(indexes).toEqual(['item_cases_board_keyset', 'item_cases_board_keyset_clerk', 'item_cases_board_keyset_department']);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      // A level count is an index range, not a scan of the table.
      expect(
        plan(
          "SELECT COUNT(*) FROM item_cases c WHERE c.supervised = 1 AND c.department = '甲局' AND c.paused = 0 AND c.due_on < '2026-03-10'",
        ),
      ).toMatch(/SEARCH c USING COVERING INDEX item_cases_board_keyset_department/);
      // A keyset page is one index seek in board order: no sort of the board.
      const page = plan(
        "SELECT c.case_number FROM item_cases c WHERE c.supervised = 1 AND c.paused = 0 AND c.due_on > '2026-03-10' ORDER BY c.paused, c.due_on, c.case_number LIMIT 100",
      );
      expect(page).toMatch(/SEARCH c USING COVERING INDEX item_cases_board_keyset /);
      expect(page).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
