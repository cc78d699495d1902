import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import { openPglite } from '../store/pglite-engine';
import { openPostgres } from '../store/pg-engine';
import type { Sql } from '../store/sql';
import { ENGINES } from './helpers';

/**
 * Data tests of hall migrations 4 (feed outbox, request nonces), 5 (ratings carry their case's
 * groups: ratings already held are filled from their cases), 6 (events lose an unused index,
 * and keep every row and every constraint) and 7 (events keep their schema version; those held
 * before were version 1).
 */
describe.each(ENGINES)('hall migrations 4 to 7 on $name', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function openAt(version: number): Promise<Sql> {
    const db = await engine.database();
    const sql = db.url === 'memory' ? await openPglite(null) : await openPostgres(db.url);
    cleanups.push(() => db.drop());
    cleanups.push(() => sql.close());
    await migrate(sql, version);
    return sql;
  }

  it('5 fills the ratings a hall already holds from their cases, and leaves a rating without a case alone', async () => {
    const sql = await openAt(4);
    await sql.query(
      `INSERT INTO hall_cases (case_id, case_number, item_code, item_name, department, accepted_by, clerk, status, accepted_on, updated_at)
       VALUES ('c1', 'TH-1', 'ITEM-1', '建设工程规划许可证核发', '住建局', 'ws-a', 'clerk-7', 'completed', '2026-03-05', 'x')`,
    );
    await sql.query(
      `INSERT INTO ratings (event_id, visit_id, level, case_number, workstation, rated_on)
       VALUES ('e1', 'v1', 5, 'TH-1', 'ws-b', '2026-03-06'), ('e2', 'v2', 1, NULL, 'ws-b', '2026-03-06'), ('e3', 'v3', 3, 'TH-404', 'ws-b', '2026-03-06')`,
    );
    expect(await migrate(sql, 5)).toEqual([5]);
    const rows = await sql.query<Record<string, unknown>>(
      'SELECT event_id, case_id, department, item_code, item_name, accepted_by, clerk, accepted_on, level, workstation FROM ratings ORDER BY event_id',
    );
    expect(rows).toEqual([
      {
        event_id: 'e1',
        case_id: 'c1',
        department: '住建局',
        item_code: 'ITEM-1',
        item_name: '建设工程规划许可证核发',
        accepted_by: 'ws-a',
        clerk: 'clerk-7',
        accepted_on: '2026-03-05',
        level: 5,
        workstation: 'ws-b',
      },
      {
        event_id: 'e2',
        case_id: null,
        department: null,
        item_code: null,
        item_name: null,
        accepted_by: null,
        clerk: null,
        accepted_on: null,
        level: 1,
        workstation: 'ws-b',
      },
      {
        event_id: 'e3',
        case_id: null,
        department: null,
        item_code: null,
        item_name: null,
        accepted_by: null,
        clerk: null,
        accepted_on: null,
        level: 3,
        workstation: 'ws-b',
      },
    ]);
  });

  it('4 adds an empty outbox and a nonce table that refuses a nonce twice', async () => {
    const sql = await openAt(3);
    expect(await migrate(sql, 4)).toEqual([4]);
    expect(await sql.query('SELECT * FROM feed_outbox')).toEqual([]);
    const use = (): Promise<unknown[]> =>
      sql.query(
        "INSERT INTO request_nonces (workstation, nonce, expires_at) VALUES ('ws-a', 'abcdef0123456789', 1) ON CONFLICT DO NOTHING RETURNING 1",
      );
    expect(await use()).toHaveLength(1);
    expect(await use()).toHaveLength(0);
  });

  it('6 drops events_ws and keeps the events held, their order by window and the refusal of a taken position or id', async () => {
    const sql = await openAt(5);
    const insert = (id: string, wsSeq: number, stream: string, streamSeq: number): Promise<unknown[]> =>
      sql.query(
        `INSERT INTO events (id, workstation, ws_seq, stream, stream_seq, type, payload, actor, at, prev_hash, hash, received_at)
         VALUES ($1, 'ws-a', $2, $3, $4, 'case.accepted', '{}', 'clerk-7', '2026-03-05T08:00:00Z', $5, $5, '2026-03-05T08:00:01Z')`,
        [id, wsSeq, stream, streamSeq, '0'.repeat(64)],
      );
    await insert('e2', 2, 'case:c2', 1);
    await insert('e1', 1, 'case:c1', 1);
    const indexes = async (): Promise<string[]> =>
      (await sql.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname")).map(
        (r) => r.indexname,
      );
    expect(await indexes()).toContain('events_ws');
    expect(await migrate(sql, 6)).toEqual([6]);
    expect(await indexes()).not.toContain('events_ws');
    expect(await indexes()).toContain('events_stream');
    // The test platform's inspection (test/platform/hall-view.ts) still lists a window's events in journal order.
    expect((await sql.query<{ id: string }>("SELECT id FROM events WHERE workstation = 'ws-a' ORDER BY ws_seq")).map((r) => r.id)).toEqual([
      'e1',
      'e2',
    ]);
    await expect(insert('e3', 3, 'case:c1', 1)).rejects.toThrow();
    await expect(insert('e1', 4, 'case:c4', 1)).rejects.toThrow();
    expect(await migrate(sql, 6)).toEqual([]);
  });

  it('7 gives the events already held version 1 and keeps the version of events stored after it', async () => {
    const sql = await openAt(6);
    const insert = (id: string, streamSeq: number, version?: number): Promise<unknown[]> =>
      sql.query(
        `INSERT INTO events (id, workstation, ws_seq, stream, stream_seq, type, ${version ? 'version, ' : ''}payload, actor, at, prev_hash, hash, received_at)
         VALUES ($1, 'ws-a', $2, 'case:c1', $2, 'case.deadline-recomputed', ${version ? `${version}, ` : ''}'{}', NULL, '2026-03-05T08:00:00Z', $3, $3, '2026-03-05T08:00:01Z')`,
        [id, streamSeq, '0'.repeat(64)],
      );
    await insert('old', 1);
    expect(await migrate(sql)).toEqual([7]);
    await insert('new', 2, 2);
    const rows = await sql.query<{ id: string; version: number }>('SELECT id, version FROM events ORDER BY stream_seq');
    expect(rows.map((r) => [r.id, Number(r.version)])).toEqual([
      ['old', 1],
      ['new', 2],
    ]);
    expect(await migrate(sql)).toEqual([]);
  });
});
