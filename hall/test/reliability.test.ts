import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHallDatabase } from '../store/open';
import type { Sql } from '../store/sql';
import { ENGINES, clientFor, freshPostgres, Journal, startTestHall, enrolWindow } from './helpers';
import { journalCases, relay } from './sim';
import { adminIssueCode, enrolOver, startChild, stopChild } from './child';

/**
 * Nothing lost, nothing duplicated: a window syncs while the hall server is killed with
 * SIGKILL (repeatedly) or while PostgreSQL restarts (repeatedly); afterwards the hall holds
 * every event exactly once and routed every case to the back office exactly once.
 */
async function verify(sql: Sql, eventIds: readonly string[], counterId: string, backOfficeId: string, cases: number): Promise<void> {
  const [counts] = await sql.query<{ n: number; d: number }>(
    'SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM events WHERE workstation = $1',
    [counterId],
  );
  expect(counts).toEqual({ n: eventIds.length, d: eventIds.length });
  const held = new Set((await sql.query<{ id: string }>('SELECT id FROM events WHERE workstation = $1', [counterId])).map((r) => r.id));
  expect(eventIds.filter((id) => !held.has(id))).toEqual([]);
  // Each stream of the window runs 1..n with no hole.
  const holes = await sql.query(
    'SELECT stream FROM events WHERE workstation = $1 GROUP BY stream HAVING MAX(stream_seq) <> COUNT(*) OR MIN(stream_seq) <> 1',
    [counterId],
  );
  expect(holes).toEqual([]);
  const routed = await sql.query<{ n: number; d: number }>(
    'SELECT COUNT(*)::int AS n, COUNT(DISTINCT body)::int AS d FROM feed WHERE workstation = $1 AND body LIKE \'{"kind":"routed-case"%\'',
    [backOfficeId],
  );
  expect(routed[0]?.n).toBe(cases);
  const [hallCases] = await sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM hall_cases WHERE accepted_by = $1', [counterId]);
  expect(hallCases?.n).toBe(cases);
}

describe.each(ENGINES)('hall reliability on $name', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('kill -9 of the hall server during sync, three times, loses and duplicates nothing', async () => {
    let database: string;
    if (engine.name === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'hall-kill-'));
      cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      database = join(dir, 'data');
    } else {
      const db = await freshPostgres(process.env.ONEWINDOW_TEST_PG ?? '');
      cleanups.push(() => db.drop());
      database = db.url;
    }
    const port = 18_000 + Math.floor(Math.random() * 2000);
    const url = `http://127.0.0.1:${port}`;
    let child = await startChild(database, port);
    cleanups.push(() => stopChild(child, 'SIGKILL'));
    const password = /Hall admin password \(shown once, keep it\): (\S+)/.exec(child.output)?.[1] ?? '';
    const firstCode = /First enrolment code \([^)]*\): (\S+)/.exec(child.output)?.[1] ?? '';
    expect(password).not.toBe('');
    const counter = await enrolOver(url, firstCode);
    const backOffice = await enrolOver(
      url,
      await adminIssueCode(url, password, { windowName: '住建后台', role: 'back-office', department: '市住房和城乡建设局' }),
    );
    const w = { client: clientFor(url, counter.id, counter.secret), journal: new Journal() };
    const cases = 300;
    const queue = journalCases(w, cases, '市住房和城乡建设局', 'P-KILL');
    const progress = { acknowledged: 0 };
    const sync = relay(w, queue, 5, progress);
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      // Kill once the window has made progress since the last start, while it still has events to send.
      const before = progress.acknowledged;
      while (progress.acknowledged === before) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 100));
      if (round === 0) expect(progress.acknowledged).toBeLessThan(queue.length);
      if (progress.acknowledged >= queue.length) break;
      await stopChild(child, 'SIGKILL');
      kills++;
      child = await startChild(database, port);
    }
    const result = await sync;
    expect(kills).toBe(3);
    expect(result.failures).toBeGreaterThan(0); // the kills fell in the middle of the sync
    // An acknowledgement lost to a kill comes back as "repeated" on the retry: both count as sent.
    expect(result.accepted).toBeLessThanOrEqual(queue.length);
    expect(result.accepted + result.repeated).toBeGreaterThanOrEqual(queue.length);
    await stopChild(child, 'SIGTERM');
    const sql = await openHallDatabase(database);
    try {
      await verify(
        sql,
        queue.map((e) => e.id),
        counter.id,
        backOffice.id,
        cases,
      );
    } finally {
      await sql.close();
    }
  }, 600_000);

  // Only an external PostgreSQL can be restarted under the hall (PGlite lives and dies with it);
  // the test is registered for that engine alone. Restarting the cluster needs root and
  // pg_ctlcluster, which CI has; elsewhere it is reported skipped rather than passed.
  const canRestart = process.getuid?.() === 0 && spawnSync('which', ['pg_ctlcluster']).status === 0;
  if (engine.name === 'postgresql')
    it.skipIf(!canRestart)(
      'a PostgreSQL restart during sync, three times, loses and duplicates nothing',
      async () => {
        const h = await startTestHall(engine);
        cleanups.push(() => h.close());
        const counter = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
        const backOffice = await enrolWindow(h, { windowName: '住建后台', role: 'back-office', department: '市住房和城乡建设局' });
        const cases = 300;
        const queue = journalCases(counter, cases, '市住房和城乡建设局', 'P-RESTART');
        const progress = { acknowledged: 0 };
        const startedBefore = await h.hall.sql.query<{ t: string }>('SELECT pg_postmaster_start_time()::text AS t');
        const sync = relay(counter, queue, 5, progress);
        let restarts = 0;
        for (let round = 0; round < 3; round++) {
          const before = progress.acknowledged;
          while (progress.acknowledged === before) await new Promise((r) => setTimeout(r, 20));
          // The restart must fall in the middle of the sync, not after it.
          if (round === 0) expect(progress.acknowledged).toBeLessThan(queue.length);
          if (progress.acknowledged >= queue.length) break;
          const r = spawnSync('pg_ctlcluster', ['15', 'main', 'restart', '--', '-m', 'fast'], { encoding: 'utf8' });
          expect(r.status, r.stderr).toBe(0);
          restarts++;
        }
        expect(restarts).toBe(3);
        const result = await sync;
        expect(result.accepted).toBeLessThanOrEqual(queue.length);
        expect(result.accepted + result.repeated).toBeGreaterThanOrEqual(queue.length);
        expect(await h.hall.sql.query('SELECT pg_postmaster_start_time()::text AS t')).not.toEqual(startedBefore);
        await verify(
          h.hall.sql,
          queue.map((e) => e.id),
          counter.id,
          backOffice.id,
          cases,
        );
      },
      600_000,
    );
});
