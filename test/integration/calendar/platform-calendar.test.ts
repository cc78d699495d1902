import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlatformCalendars, platformCalendarYears } from '../../../electron/calendar/platform-calendar';
import { caseCalendar } from '../../../electron/cases/case-calendar';
import { openDatabase, type Db } from '../../../electron/store/database';

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

// A made-up 2027 notice: the real one is published by the State Council around November 2026.
const year2027 = {
  year: 2027,
  source: '测试用2027年放假安排（虚构）',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  makeupWorkdays: [],
};

describe('holiday calendar from the platform', () => {
  it('extends the case calendar with a year the platform published, and skips an invalid year', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-cal-'));
    db = openDatabase(join(dir, 'ow.db'));
    process.env.ONEWINDOW_LOG = 'silent';
    const owner = {};
    expect(() => caseCalendar(owner).classify('2027-01-04')).toThrow(/2027/);
    const insert = db.prepare('INSERT INTO platform_calendars (year, data, received_at) VALUES (?, ?, ?)');
    insert.run(2027, JSON.stringify(year2027), '2026-11-21T00:00:00Z');
    insert.run(2028, JSON.stringify({ year: 2028, holidays: [{ name: '元旦', from: '2028-13-01', to: '2028-01-01' }], makeupWorkdays: [] }), '2026-11-21T00:00:00Z');
    const { refused } = platformCalendarYears(db);
    expect(refused.map((r) => r.year)).toEqual([2028]);
    expect(applyPlatformCalendars(owner, db)).toBe(1);
    expect(caseCalendar(owner).classify('2027-01-02')).toMatchObject({ workday: false, reason: '元旦' });
    expect(caseCalendar(owner).classify('2027-01-04')).toMatchObject({ workday: true });
    // 2027-01-01 is a Friday: without the notice it would be the next working day.
    expect(caseCalendar(owner).addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
  });
});
