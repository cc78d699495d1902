import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { defaultHolidaysPath, loadWorkingDayCalendar, locateResources, readHolidayCalendarFile } from '../../../electron/calendar/load';

const repoResources = resolve(__dirname, '../../../resources');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-calendar-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('loading the holiday calendar', () => {
  it('finds the repository resources by walking up from the module', () => {
    expect(locateResources({})).toBe(repoResources);
    expect(defaultHolidaysPath({})).toBe(join(repoResources, 'calendar', 'holidays.json'));
    expect(loadWorkingDayCalendar({ env: {} }).publishedYears()).toEqual([2024, 2025, 2026]);
  });

  it('prefers ONEWINDOW_RESOURCES', () => {
    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', 'holidays.json'), JSON.stringify({ years: [{ year: 2026, holidays: [], makeupWorkdays: [] }] }));
    const env = { ONEWINDOW_RESOURCES: dir };
    expect(locateResources(env)).toBe(dir);
    const calendar = loadWorkingDayCalendar({ env });
    expect(calendar.publishedYears()).toEqual([2026]);
    expect(calendar.classify('2026-10-01').kind).toBe('workday');
  });

  it('lays newer files over the shipped one', () => {
    const update = join(dir, '2027.json');
    // Synthetic 2027 data: the real notice is not published yet.
    writeFileSync(
      update,
      JSON.stringify({ years: [{ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeupWorkdays: [] }] }),
    );
    const calendar = loadWorkingDayCalendar({ env: {}, updates: [update] });
    expect(calendar.publishedYears()).toEqual([2024, 2025, 2026, 2027]);
    expect(calendar.isProvisionalYear(2027)).toBe(false);
    expect(calendar.isProvisionalYear(2028)).toBe(true);
    expect(calendar.addWorkdays('2026-12-30', 2)).toBe('2027-01-04');
  });

  it('says what is wrong with a missing, unreadable or invalid file', () => {
    expect(codeOf(() => readHolidayCalendarFile(join(dir, 'absent.json')))).toBe('NOT_FOUND');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "years": [');
    expect(codeOf(() => readHolidayCalendarFile(broken))).toBe('VALIDATION');
    const invalid = join(dir, 'invalid.json');
    writeFileSync(
      invalid,
      JSON.stringify({
        years: [
          { year: 2026, holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: [{ date: '2026-02-16' }] },
        ],
      }),
    );
    try {
      readHolidayCalendarFile(invalid);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.message).toMatch(/有 2 处错误/);
      expect(appError.details?.map((d) => d.path)).toEqual(['years[0].makeupWorkdays[0].date', 'years[0].makeupWorkdays[0].date']);
    }
    const copy = join(dir, 'copy.json');
    copyFileSync(join(repoResources, 'calendar', 'holidays.json'), copy);
    expect(readHolidayCalendarFile(copy).years).toHaveLength(3);
  });

  it('reports a resources folder that cannot be found', () => {
    expect(codeOf(() => loadWorkingDayCalendar({ env: { ONEWINDOW_RESOURCES: join(dir, 'nowhere') } }))).toBe('NOT_FOUND');
  });
});
