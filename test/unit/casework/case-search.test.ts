/**
 * The clerk's case search on a real store: what a number names exactly wins (case number,
 * project code, a party's certificate number), otherwise names by prefix and project names by
 * substring. Rows leave masked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../../electron/cases/case-list';
import { openDatabase, type Db } from '../../../electron/store/database';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ow-search-'));
  db = openDatabase(join(dir, 'search.db'));
  const proj = db.prepare("INSERT INTO projects (id, code, name, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')");
  proj.run('p1', '2026-330106-47-01-000001', '滨江安置房项目');
  proj.run('p2', '2026-330106-47-01-000002', '100%_绿化工程');
  proj.run('p3', 'W1-2026-000003', '编号像办件编号的项目');
  const app = db.prepare(
    "INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, created_at, updated_at) VALUES (?, ?, 1, '2026.1', 'accepted', 'x', 'x')",
  );
  for (const p of ['p1', 'p2', 'p3']) app.run(`a-${p}`, p);
  const item = db.prepare(
    `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name, applicant_id_number,
       agent_name, agent_id_number, promised_value, promised_unit, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'X', '事项', '部门', 'accepted', ?, ?, ?, ?, 5, 'workday', ?, ?)`,
  );
  item.run('c1', 'W1-2026-000001', 'a-p1', 'p1', '王伟', '11010519491231002X', '', '', '2026-03-01', '2026-03-01');
  item.run('c2', 'W1-2026-000002', 'a-p1', 'p1', '王伟强', '110105194912310037', '李代理', 'E12345678', '2026-03-02', '2026-03-02');
  item.run('c3', 'W1-2026-000003', 'a-p2', 'p2', '张三', '110105194912310053', '', '', '2026-03-03', '2026-03-03');
  item.run('c4', 'W1-2026-000004', 'a-p3', 'p3', '赵六', '110105194912310070', '', '', '2026-03-04', '2026-03-04');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (query: string) => listCases(db, { query, limit: 20, offset: 0 }).rows.map((r) => r.id);

describe('case search', () => {
  it('finds a case by its number exactly, in any letter case, and nothing else that merely contains it', () => {
    expect(ids('W1-2026-000002')).toEqual(['c2']);
    expect(ids('w1-2026-000002')).toEqual(['c2']);
    expect(listCases(db, { query: 'W1-2026-000002', limit: 20, offset: 0 }).total).toBe(1);
  });

  it('finds every case of a project by its code, and a case by its number even when a project code equals it', () => {
    expect(ids('2026-330106-47-01-000001')).toEqual(['c2', 'c1']);
    // p3's code is c3's case number: both exact matches are listed, newest first.
    expect(ids('W1-2026-000003')).toEqual(['c4', 'c3']);
  });

  it("finds a case by the agent's certificate number, ignoring spaces and case", () => {
    expect(ids('e1234 5678')).toEqual(['c2']);
  });

  it('finds applicants by name prefix and projects by any part of the name, LIKE characters taken literally', () => {
    expect(ids('王伟')).toEqual(['c2', 'c1']);
    expect(ids('王伟强')).toEqual(['c2']);
    expect(ids('李代')).toEqual(['c2']);
    expect(ids('安置')).toEqual(['c2', 'c1']);
    expect(ids('100%_')).toEqual(['c3']);
    expect(ids('0%绿')).toEqual([]);
    expect(ids('不存在')).toEqual([]);
  });

  it('finds by ID number and masks names and numbers in the rows', () => {
    const r = listCases(db, { query: '11010519491231002x', limit: 20, offset: 0 });
    expect(r.rows.map((x) => x.id)).toEqual(['c1']);
    expect(r.rows[0]!.applicantName).not.toBe('王伟');
    expect(JSON.stringify(r.rows)).not.toContain('11010519491231002X');
  });

  it('pages and counts the same set', () => {
    const first = listCases(db, { query: '', limit: 3, offset: 0 });
    const rest = listCases(db, { query: '', limit: 3, offset: 3 });
    expect(first.total).toBe(4);
    expect([...first.rows, ...rest.rows].map((r) => r.id)).toEqual(['c4', 'c3', 'c2', 'c1']);
  });
});
