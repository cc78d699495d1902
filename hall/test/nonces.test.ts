import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformClient, type FetchLike } from '../../electron/sync/client';
import { PLATFORM_CODES } from '../../electron/sync/wire';
import { enrolResponse } from '../../shared/protocol';
import { issueEnrolmentCode } from '../core/enrolment';
import { startHall, type HallServer } from '../server';
import { openHallDatabase } from '../store/open';
import type { Sql } from '../store/sql';
import { ENGINES, freshPostgres } from './helpers';

/**
 * Request nonces live in the database: a signed request captured on the wire is refused as a
 * replay by the same hall server, and still after the hall server restarts (a new process knows
 * nothing in memory) — inside the timestamp window, where the timestamp alone would let it in.
 */
const HALL = { hallName: '测试政务服务大厅', hallCode: 'TH' };

describe.each(ENGINES)('request nonces on $name', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** A database that outlives a hall server: a PGlite directory, or a fresh PostgreSQL database. */
  async function durableDatabase(): Promise<string> {
    if (engine.name === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'hall-nonce-'));
      cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      return join(dir, 'data');
    }
    const db = await freshPostgres(process.env.ONEWINDOW_TEST_PG ?? '');
    cleanups.push(() => db.drop());
    return db.url;
  }

  async function start(database: string, now?: () => number): Promise<{ sql: Sql; hall: HallServer; stop(): Promise<void> }> {
    const sql = await openHallDatabase(database);
    const hall = await startHall({ sql, hall: HALL, port: 0, ...(now ? { now } : {}) });
    return {
      sql,
      hall,
      async stop() {
        await hall.close();
        await sql.close();
      },
    };
  }

  const get = (url: string, headers: Record<string, string>): Promise<Response> => fetch(`${url}/v1/hello`, { headers });

  it('refuses a replayed signed request, also after the hall server restarts, and prunes expired nonces', async () => {
    const database = await durableDatabase();
    const first = await start(database);
    const code = await issueEnrolmentCode(first.sql, { windowName: '1号窗口', role: 'counter', department: null }, new Date());
    const creds = enrolResponse.parse(
      await (await fetch(`${first.hall.url}/v1/enrol`, { method: 'POST', body: JSON.stringify({ code }) })).json(),
    );
    const client = (url: string, skewMs = 0): PlatformClient =>
      new PlatformClient({
        url,
        workstationId: creds.workstationId,
        secret: creds.secret,
        now: () => Date.now() + skewMs,
        requestTimeoutMs: 10_000,
        fetch: globalThis.fetch as unknown as FetchLike,
      });
    const captured = client(first.hall.url).signedHeaders('GET', '/v1/hello');
    expect((await get(first.hall.url, captured)).status).toBe(200);
    // The nonce and the window's last contact are written by one statement (hall/auth.ts).
    const contact = (): Promise<{ last_contact_at: string | null }[]> =>
      first.sql.query('SELECT last_contact_at FROM workstations WHERE id = $1', [creds.workstationId]);
    const [contacted] = await contact();
    expect(contacted?.last_contact_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const replayed = await get(first.hall.url, captured);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ code: PLATFORM_CODES.replay });
    expect(await contact()).toEqual([contacted]);
    await first.stop();

    // A new hall server process on the same database: nothing of the first is in memory.
    const second = await start(database);
    const afterRestart = await get(second.hall.url, captured);
    expect(afterRestart.status).toBe(401);
    expect(await afterRestart.json()).toMatchObject({ code: PLATFORM_CODES.replay });
    // The window itself goes on: a freshly signed request is answered.
    expect((await get(second.hall.url, client(second.hall.url).signedHeaders('GET', '/v1/hello'))).status).toBe(200);
    const [held] = await second.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM request_nonces WHERE workstation = $1', [
      creds.workstationId,
    ]);
    expect(held?.n).toBe(2);
    await second.stop();

    // Ten minutes on (past the 5-minute window): the old nonces can no longer be replayed and go.
    const later = await start(database, () => Date.now() + 10 * 60_000);
    expect((await get(later.hall.url, client(later.hall.url, 10 * 60_000).signedHeaders('GET', '/v1/hello'))).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const [left] = await later.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM request_nonces');
      if (left?.n === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [left] = await later.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM request_nonces');
    expect(left?.n).toBe(1);
    await later.stop();
  });
});
