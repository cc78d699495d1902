import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../electron/sync/wire';
import { statistics } from '../core/board';
import { ENGINES, acceptCase, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/**
 * 好差评 in the hall statistics: a rating carries its case's department, item, window, clerk and
 * acceptance day, whether it arrives after its case or before it (the rating pad's window synced
 * first), so a month's statistics read ratings by index without joining every case.
 */
describe.each(ENGINES)('ratings in the statistics on $name', (engine) => {
  let h: TestHall;
  let a: TestWindow;
  let b: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    a = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
    b = await enrolWindow(h, { windowName: '12号窗口', role: 'counter', department: null });
  });
  afterAll(async () => h.close());

  const rate = (w: TestWindow, visitId: string, level: number, caseNumbers: string[]): WireEvent =>
    w.journal.append(
      `rating:${visitId}`,
      'rating.submitted',
      // Complete to the journal's schema (shared/journal/rating.ts): the hall refuses anything else.
      {
        visitId,
        channel: 'window-pad',
        level,
        levelLabel: level >= 4 ? '满意' : '不满意',
        indicators: { overall: level, efficiency: level, level, attitude: level },
        comment: null,
        caseNumbers,
      },
      null,
      '2026-06-01T09:00:00.000Z',
    );

  it('groups a rating by its case whether the case arrived before or after it', async () => {
    const early = acceptCase(a.journal, { projectCode: 'P-R1', department: '住建局', acceptedOn: '2026-03-05', caseNumber: 'TH-R-1' });
    expect((await a.client.pushEvents(early.events)).results.every((r) => r.status === 'accepted')).toBe(true);
    expect((await b.client.pushEvents([rate(b, 'v-1', 5, ['TH-R-1'])])).results[0]).toMatchObject({ status: 'accepted' });

    // Rated before the hall has the case: window A syncs it afterwards.
    expect((await b.client.pushEvents([rate(b, 'v-2', 1, ['TH-R-2'])])).results[0]).toMatchObject({ status: 'accepted' });
    const late = acceptCase(a.journal, { projectCode: 'P-R2', department: '市场监管局', acceptedOn: '2026-03-06', caseNumber: 'TH-R-2' });
    expect((await a.client.pushEvents(late.events)).results.every((r) => r.status === 'accepted')).toBe(true);

    // A visit rated without a case and a case of another month count nowhere in March.
    await b.client.pushEvents([rate(b, 'v-3', 5, [])]);
    const april = acceptCase(a.journal, { projectCode: 'P-R3', department: '住建局', acceptedOn: '2026-04-02', caseNumber: 'TH-R-3' });
    await a.client.pushEvents([...april.events, rate(a, 'v-4', 2, ['TH-R-3'])]);

    const byDepartment = await statistics(h.hall.sql, { from: '2026-03-01', to: '2026-03-31', by: 'department' });
    expect(byDepartment.rows.map((r) => [r.key, r.accepted, r.ratings, r.good, r.bad])).toEqual([
      ['住建局', 1, 1, 1, 0],
      ['市场监管局', 1, 1, 0, 1],
    ]);
    // By window: the accepting window (A), not the window whose pad took the rating (B).
    const byWindow = await statistics(h.hall.sql, { from: '2026-03-01', to: '2026-03-31', by: 'window' });
    expect(byWindow.rows.map((r) => [r.key, r.accepted, r.ratings])).toEqual([['1号窗口', 2, 2]]);
    const byClerk = await statistics(h.hall.sql, { from: '2026-04-01', to: '2026-04-30', by: 'clerk' });
    expect(byClerk.rows.map((r) => [r.key, r.ratings, r.bad])).toEqual([['clerk-1', 1, 1]]);
  });
});
