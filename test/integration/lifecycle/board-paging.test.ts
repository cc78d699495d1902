/**
 * The supervision board's keyset paging (issue 14): walking pages by `nextCursor` gives every
 * open case once, in board order, the same rows as paging by offset; counts agree with the rows;
 * a case added before the cursor does not shift the pages after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionBoard, type BoardQuery } from '../../../electron/cases/supervision-board';
import { openWorkstation, type Workstation } from '../../../electron/workstation';
import { contract } from '../../../shared/api';
import type { BoardRow } from '../../../shared/api/supervision';
import { BOARD_LEVELS } from '../../../shared/domain/lifecycle';

let dir: string;
let ws: Workstation;
const DEPARTMENTS = ['规划和自然资源局', '住房和城乡建设局', '消防救援支队'];
const N = 437;

function insertCase(i: number, dueOn: string | null, paused: 0 | 1, id = `case-${String(i).padStart(5, '0')}`): void {
  ws.db
    .prepare(
      `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name, clerk_id,
         promised_value, promised_unit, accepted_on, due_on, clock, supervised, paused, created_at, updated_at)
       VALUES (?, ?, 'a1', 'p1', 'ITEM', '测试事项', ?, ?, '张三', ?, 10, 'workday', '2026-03-02', ?, '{}', 1, ?, '2026-03-02', '2026-03-02')`,
    )
    .run(
      id,
      `T-${String((i * 7919) % 10007).padStart(5, '0')}`,
      DEPARTMENTS[i % 3],
      paused ? 'correction' : 'accepted',
      `clerk-${i % 4}`,
      dueOn,
      paused,
    );
}

beforeAll(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-board-'));
  ws = openWorkstation({ dataDir: dir, hostKind: 'browser-host', now: () => new Date('2026-03-20T09:00:00+08:00') });
  ws.db
    .prepare(
      "INSERT INTO projects (id, code, name, created_at, updated_at) VALUES ('p1', '2026-330106-47-01-000001', '测试项目', 'x', 'x')",
    )
    .run();
  ws.db
    .prepare(
      "INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, created_at, updated_at) VALUES ('a1', 'p1', 1, '2026.1', 'accepted', 'x', 'x')",
    )
    .run();
  ws.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      // Many cases share a due date (ties broken by id), some have none, one in 9 is paused.
      const dueOn = i % 17 === 0 ? null : `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
      insertCase(i, dueOn, i % 9 === 0 ? 1 : 0);
    }
  })();
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function walk(q: Omit<BoardQuery, 'limit' | 'offset' | 'after'>, limit: number): BoardRow[] {
  const rows: BoardRow[] = [];
  let after: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const r = supervisionBoard(ws, { ...q, limit, ...(after ? { after } : {}) });
    rows.push(...r.rows);
    if (r.nextCursor === null) return rows;
    after = r.nextCursor;
  }
  throw new Error('paging did not end');
}

function byOffset(q: Omit<BoardQuery, 'limit' | 'offset' | 'after'>, limit: number): BoardRow[] {
  const rows: BoardRow[] = [];
  for (let offset = 0; ; offset += limit) {
    const r = supervisionBoard(ws, { ...q, limit, offset });
    rows.push(...r.rows);
    if (r.rows.length < limit) return rows;
  }
}

const rank = (r: BoardRow) => [r.level === 'paused' ? 1 : 0, r.dueOn ?? '', r.caseNumber] as const;

describe('supervision board keyset paging', () => {
  const filters: Omit<BoardQuery, 'limit' | 'offset' | 'after'>[] = [
    {},
    ...BOARD_LEVELS.map((level) => ({ level })),
    { department: DEPARTMENTS[1] },
    { department: DEPARTMENTS[2], level: 'red' as const },
    { clerkId: 'clerk-3' },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))(
    'walks %s once through, in board order, as offset paging does',
    (_label, f) => {
      const first = supervisionBoard(ws, { ...f, limit: 500 });
      const walked = walk(f, 23);
      expect(walked.length).toBe(first.total);
      expect(new Set(walked.map((r) => r.id)).size).toBe(walked.length);
      expect(walked.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect(byOffset(f, 23).map((r) => r.id)).toEqual(walked.map((r) => r.id));
      // Running clocks first, unknown due dates first among them, then due date, then case number.
      const keys = walked.map(rank);
      const sorted = [...keys].sort(
        (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0),
      );
      expect(keys).toEqual(sorted);
      if (f.level) expect(walked.every((r) => r.level === f.level)).toBe(true);
    },
  );

  it('counts each level as the rows show it', () => {
    const all = supervisionBoard(ws, { limit: 500 });
    const seen = { normal: 0, yellow: 0, red: 0, paused: 0, unknown: 0 };
    for (const r of all.rows) seen[r.level]++;
    expect(all.counts).toEqual(seen);
    expect(all.total).toBe(N);
    expect(seen.unknown).toBeGreaterThan(0);
    expect(seen.paused).toBeGreaterThan(0);
    expect(seen.yellow).toBeGreaterThan(0);
  });

  it('a case added before the cursor does not shift the next page', () => {
    const page1 = supervisionBoard(ws, { level: 'red', limit: 30 });
    const expected = supervisionBoard(ws, { level: 'red', limit: 30, after: page1.nextCursor! });
    insertCase(N + 1, '2026-03-01', 0, 'case-early');
    try {
      const next = supervisionBoard(ws, { level: 'red', limit: 30, after: page1.nextCursor! });
      expect(next.rows.map((r) => r.id)).toEqual(expected.rows.map((r) => r.id));
      expect(next.total).toBe(expected.total + 1);
    } finally {
      ws.db.prepare("DELETE FROM item_cases WHERE id = 'case-early'").run();
    }
  });

  it('refuses a damaged cursor with a Chinese message, and offset with after together', () => {
    expect(() => supervisionBoard(ws, { limit: 10, after: 'bm90LWEtY3Vyc29y' })).toThrow(/翻页位置无效/);
    const input = contract['supervision.board'].input;
    expect(input.safeParse({ limit: 10, offset: 20, after: 'x' }).success).toBe(false);
    expect(input.safeParse({ limit: 10, after: 'x' }).success).toBe(true);
  });
});
