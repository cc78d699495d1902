import { describe, expect, it } from 'vitest';
import {
  addNaturalDays,
  civilFromOrdinal,
  formatIsoDate,
  isIsoDate,
  ordinalFromCivil,
  parseIsoDate,
  tryParseIsoDate,
  weekdayOfOrdinal,
} from '../../../shared/domain/calendar';
import { AppError } from '../../../shared/api/errors';

describe('day ordinals', () => {
  it('anchors at 1970-01-01 (a Thursday)', () => {
    expect(ordinalFromCivil(1970, 1, 1)).toBe(0);
    expect(weekdayOfOrdinal(0)).toBe(4);
    expect(weekdayOfOrdinal(-1)).toBe(3);
    expect(weekdayOfOrdinal(parseIsoDate('2026-02-28'))).toBe(6);
    expect(weekdayOfOrdinal(parseIsoDate('2025-09-26'))).toBe(5);
  });

  it('round-trips every day from 1999 to 2101, including leap days, in step with Date.UTC', () => {
    const start = ordinalFromCivil(1999, 1, 1);
    const end = ordinalFromCivil(2101, 12, 31);
    const mismatches: string[] = [];
    for (let d = start; d <= end; d++) {
      const { year, month, day } = civilFromOrdinal(d);
      // Date.UTC is exact for whole days; used here only as an independent reference.
      if (
        ordinalFromCivil(year, month, day) !== d ||
        Date.UTC(year, month - 1, day) / 86_400_000 !== d ||
        tryParseIsoDate(formatIsoDate(d)) !== d
      ) {
        mismatches.push(`${d} -> ${year}-${month}-${day}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(end - start + 1).toBe(103 * 365 + 25); // 2000 is a leap year, 2100 is not;
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2026-02-29', '2025-13-01', '2025-04-31', '2026-1-05', '20260105', '2026-01-05T00:00', '', '2026-00-10']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => parseIsoDate('2026-02-30', '受理日期')).toThrow(AppError);
    expect(() => parseIsoDate('2026-02-30', '受理日期')).toThrow(/受理日期“2026-02-30”不是有效日期/);
  });

  it('adds natural days across month and year ends', () => {
    expect(addNaturalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addNaturalDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addNaturalDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
