import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedAfter } from '../core/feed';
import { feedPump } from '../core/feed-pump';
import { ENGINES, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/**
 * Routing is committed to feed_outbox with the events and moved into the feed after: a hall
 * process killed in between leaves rows there, and the next pump (on start, every second, or
 * the next batch) publishes them, in outbox order, exactly once.
 */
describe.each(ENGINES)('feed pump on $name', (engine) => {
  let h: TestHall;
  let w: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    w = await enrolWindow(h, { windowName: '住建后台', role: 'back-office', department: '住建局' });
  });
  afterAll(async () => h.close());

  it('publishes outbox rows a killed process left, in order, once', async () => {
    const sql = h.hall.sql;
    const before = (await feedAfter(sql, w.id, 0, 1000)).length;
    const body = (n: number): string => JSON.stringify({ kind: 'case-number-block', prefix: `TH-2026-`, first: n, last: n, issuedAt: 'x' });
    await sql.query(
      "INSERT INTO feed_outbox (workstation, body, created_at) SELECT $1, b, '2026-12-01T00:00:00.000Z' FROM unnest($2::text[]) WITH ORDINALITY AS u(b, n) ORDER BY n",
      [w.id, [body(1), body(2), body(3)]],
    );
    // Two pumps at once (say two hall processes): the feed_head lock lets one move the rows.
    await Promise.all([feedPump(sql).flush(), feedPump(sql).flush()]);
    const items = (await feedAfter(sql, w.id, 0, 1000)).slice(before);
    expect(items.map((i) => (i.item as unknown as { first: number }).first)).toEqual([1, 2, 3]);
    expect(items.map((i) => i.seq)).toEqual([items[0]!.seq, items[0]!.seq + 1, items[0]!.seq + 2]);
    const [left] = await sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM feed_outbox');
    expect(left?.n).toBe(0);
    await feedPump(sql).flush();
    expect((await feedAfter(sql, w.id, 0, 1000)).length).toBe(before + 3);
  });
});
