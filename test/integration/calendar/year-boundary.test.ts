/**
 * A workstation on 2026-12-28 with no published 2027 arrangement: deadlines reaching 2027 are
 * computed on the provisional year and flagged 暂估; when the notice arrives (administrator
 * import, then the platform's feed) every open case is recomputed, journaled, and the moves are
 * pushed to the screen. Real SQLite file, real browser host on loopback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarChange, CalendarStatus, NoticePreview } from '../../../shared/api/calendar';
import type { CaseDetail, CaseListRow } from '../../../shared/api/cases';
import type { BoardResult } from '../../../shared/api/supervision';
import { applyPlatformCalendars, platformCalendarYears } from '../../../electron/calendar/platform-calendar';
import { summarise } from '../../../electron/cases/case-history';
import { streamEvents } from '../../../electron/store/journal';
import { acceptInput, ITEM_PERMIT, ITEM_PLAN, startLifecycleHost, type LifecycleHost } from '../lifecycle/fixtures';

const notice2027 = readFileSync(join(__dirname, '../../fixtures/calendar/notice-2027-fictional.txt'), 'utf8');

let t: LifecycleHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Accepted {
  cases: { id: string; caseNumber: string; itemCode: string; dueOn: string | null }[];
}

describe('the year boundary with a provisional 2027', () => {
  it('marks 2027 due dates 暂估, then recomputes and reports them when the notice is imported', async () => {
    t = await startLifecycleHost('2026-12-28T09:00:00+08:00');
    const changes: CalendarChange[] = [];
    t.ws.bus.subscribe((event, payload) => {
      if (event === 'calendar.changed') changes.push(payload as CalendarChange);
    });
    const accepted = t.accepted<Accepted>(acceptInput({ items: [ITEM_PLAN, ITEM_PERMIT] }));
    const plan = accepted.cases.find((c) => c.itemCode === ITEM_PLAN.code)!;
    const permit = accepted.cases.find((c) => c.itemCode === ITEM_PERMIT.code)!;
    // 7 and 5 working days after Mon 2026-12-28: 29, 30, 31, [1-1 元旦], 4, 5, 6, 7.
    expect(plan.dueOn).toBe('2027-01-07');
    expect(permit.dueOn).toBe('2027-01-05');

    const detail = await t.ok<CaseDetail>('clerk', 'cases.get', { id: plan.id });
    expect(detail.deadline).toMatchObject({ known: true, dueDate: '2027-01-07', estimated: true });
    const list = await t.ok<{ rows: CaseListRow[] }>('clerk', 'cases.list', { query: '' });
    expect(list.rows.map((r) => r.dueEstimated)).toEqual([true, true]);
    const board = await t.ok<BoardResult>('clerk', 'supervision.board', {});
    expect(board.rows.every((r) => r.dueEstimated === true)).toBe(true);

    const before = await t.ok<CalendarStatus>('admin', 'calendar.status', {});
    expect(before).toMatchObject({ today: '2026-12-28', provisionalYears: [2027], nextYearMissing: 2027, lastChange: null });

    // A clerk may not import; the administrator previews, then imports.
    expect((await t.as('clerk', 'calendar.importNotice', { text: notice2027 })).error?.code).toBe('FORBIDDEN');
    const preview = await t.ok<NoticePreview>('admin', 'calendar.previewNotice', { text: notice2027 });
    expect(preview).toMatchObject({ ok: true, replaces: false, year: { year: 2027 } });
    const bad = await t.ok<NoticePreview>('admin', 'calendar.previewNotice', { text: notice2027.replace('共4天', '共5天') });
    expect(bad.ok === false && bad.problems[0]!.message).toMatch(/^第3行（元旦）：写明共5天/);

    const imported = await t.ok<{ year: number; change: CalendarChange }>('admin', 'calendar.importNotice', { text: notice2027 });
    expect(imported.year).toBe(2027);
    // The (made-up) notice gives 1-04 off: each date moves one working day later.
    expect(imported.change.moved.map((m) => [m.caseNumber, m.from, m.to, m.estimated]).sort()).toEqual(
      [
        [plan.caseNumber, '2027-01-07', '2027-01-08', false],
        [permit.caseNumber, '2027-01-05', '2027-01-06', false],
      ].sort(),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]!.reason).toBe('导入了2027年放假安排（国务院办公厅通知）');

    const after = await t.ok<CaseDetail>('clerk', 'cases.get', { id: plan.id });
    expect(after).toMatchObject({ dueOn: '2027-01-08', deadline: { dueDate: '2027-01-08', estimated: false } });
    const journaled = streamEvents(t.ws.db, `case:${plan.id}`).filter((e) => e.type === 'case.deadline-recomputed');
    expect(journaled.map((e) => e.version)).toEqual([2]);
    expect(journaled.map((e) => e.payload)).toEqual([
      {
        caseId: plan.id,
        caseNumber: plan.caseNumber,
        from: '2027-01-07',
        to: '2027-01-08',
        reason: '导入了2027年放假安排（国务院办公厅通知）',
      },
    ]);
    expect(summarise(journaled[0]!)).toBe('导入了2027年放假安排（国务院办公厅通知），承诺办结日期由 2027-01-07 改为 2027-01-08');
    const status = await t.ok<CalendarStatus>('admin', 'calendar.status', {});
    expect(status).toMatchObject({ nextYearMissing: null, provisionalYears: [], lastChange: { movedCount: 2 } });

    // Importing the same notice again moves nothing and tells nobody.
    expect((await t.ok<{ change: CalendarChange | null }>('admin', 'calendar.importNotice', { text: notice2027 })).change).toBeNull();
    expect(changes).toHaveLength(1);

    // The platform then publishes a corrected 2027 (arrives later, so it wins): recomputed again.
    const insert = t.ws.db.prepare('INSERT INTO platform_calendars (year, data, received_at) VALUES (?, ?, ?)');
    insert.run(
      2027,
      JSON.stringify({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: [] }),
      '2099-01-01T00:00:00Z',
    );
    insert.run(
      2028,
      JSON.stringify({ year: 2028, holidays: [{ name: '元旦', from: '2028-13-01', to: '2028-01-01' }], makeupWorkdays: [] }),
      '2099-01-01T00:00:00Z',
    );
    expect(platformCalendarYears(t.ws.db).refused.map((r) => r.year)).toEqual([2028]);
    applyPlatformCalendars(t.ws);
    expect(t.ws.calendar.current().classify('2027-01-04')).toMatchObject({ workday: true });
    expect(
      changes
        .at(-1)!
        .moved.map((m) => m.to)
        .sort(),
    ).toEqual(['2027-01-05', '2027-01-07']);
    expect(t.ws.calendar.current().isProvisionalYear(2028)).toBe(true);
  });

  it('from 1 November shows the banner until next year is in; the clock methods are refused off test hosts', async () => {
    t = await startLifecycleHost('2026-10-31T23:30:00+08:00');
    expect((await t.ok<CalendarStatus>('admin', 'calendar.status', {})).nextYearMissing).toBeNull();
    t.advanceDays(1);
    expect((await t.ok<CalendarStatus>('admin', 'calendar.status', {})).nextYearMissing).toBe(2027);
    expect((await t.as('admin', 'system.clock.set', { at: '2027-01-05T09:00:00+08:00' })).error?.code).toBe('FORBIDDEN');
  });
});
