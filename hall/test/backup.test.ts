import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../backup';
import { startHall } from '../server';
import { openHallDatabase } from '../store/open';
import { ENGINES, clientFor, enrolWindow, freshPostgres, type Journal, type TestHall } from './helpers';
import { journalCases, relay } from './sim';

/**
 * `npm run hall -- backup` / `restore`: pg_dump/pg_restore on PostgreSQL, PGlite's data-dir dump
 * embedded. The restored hall holds the same events, feed and the window's checkpoint (what
 * `onewindow audit verify` compares against), and the window syncs on against it.
 */
describe.each(ENGINES)('hall backup and restore on $name', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-backup-'));
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
    rmSync(dir, { recursive: true, force: true });
  });

  async function database(): Promise<string> {
    if (engine.name === 'pglite') return join(dir, `data-${Math.random().toString(36).slice(2)}`);
    const db = await freshPostgres(process.env.ONEWINDOW_TEST_PG ?? '');
    drops.push(() => db.drop());
    return db.url;
  }

  it('restores every event, the feed and the checkpoint, and the window syncs on', async () => {
    const source = await database();
    const sql = await openHallDatabase(source);
    const hall = await startHall({ sql, hall: { hallName: '测试大厅', hallCode: 'TH' } });
    const h: TestHall = { hall, database: source, close: async () => undefined };
    const w = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
    const first = journalCases(w, 20, '住建局', 'P-BK');
    expect((await relay(w, first, 25)).accepted).toBe(first.length);
    await w.client.sendCheckpoint({ seq: first.length, count: first.length, head: first.at(-1)!.hash, at: new Date().toISOString() });
    await hall.close();
    await sql.close();

    const file = join(dir, `hall-${engine.name}.backup`);
    await backup(source, file);
    expect(statSync(file).size).toBeGreaterThan(1000);
    const target = await database();
    await restore(target, file);

    const restored = await openHallDatabase(target);
    const again = await startHall({ sql: restored, hall: { hallName: '测试大厅', hallCode: 'TH' } });
    try {
      const [n] = await restored.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events');
      expect(n?.n).toBe(first.length);
      const client = clientFor(again.url, w.id, w.secret);
      expect((await client.latestCheckpoint())?.head).toBe(first.at(-1)!.hash);
      // The same window goes on: a replay of its old events is repeated, its new ones accepted.
      const more = { client, journal: w.journal as Journal };
      const replay = await client.pushEvents(first.slice(0, 5));
      expect(replay.results.every((r) => r.status === 'accepted' && r.repeated)).toBe(true);
      const next = journalCases(more, 2, '住建局', 'P-BK2');
      expect((await relay(more, next, 25)).accepted).toBe(next.length);
    } finally {
      await again.close();
      await restored.close();
    }
  }, 300_000);
});
