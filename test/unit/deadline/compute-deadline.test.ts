import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { formatIsoDate, parseIsoDate } from '../../../shared/domain/calendar';
import {
  caseClockSchema,
  checkNewExtension,
  computeDeadline,
  STATUTORY_LIMITS,
  type CaseClock,
  type ClockPause,
} from '../../../shared/domain/deadline';
import { builtinCalendar } from '../calendar/builtin-calendar';

const calendar = builtinCalendar();

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const twentyDays: CaseClock = { acceptedOn: '2025-09-26', limit: { value: 20, unit: 'workday' } };

describe('computeDeadline: due date', () => {
  it('does not count the acceptance day by default (DOMAIN.md worked example)', () => {
    expect(computeDeadline(calendar, twentyDays, { today: '2025-09-26' }).dueDate).toBe('2025-10-30');
    expect(
      computeDeadline(calendar, { acceptedOn: '2026-02-12', limit: { value: 7, unit: 'workday' } }, { today: '2026-02-12' }).dueDate,
    ).toBe('2026-02-28');
  });

  it('counts the acceptance day when configured', () => {
    expect(computeDeadline(calendar, { ...twentyDays, countAcceptanceDay: true }, { today: '2025-09-26' }).dueDate).toBe('2025-10-29');
    // Accepted on a holiday (New Year's Day 2024, the first known day): nothing to count that day.
    const newYear = computeDeadline(
      calendar,
      { acceptedOn: '2024-01-01', limit: { value: 1, unit: 'workday' }, countAcceptanceDay: true },
      { today: '2024-01-01' },
    );
    expect(newYear.dueDate).toBe('2024-01-02');
  });

  it('decides an immediate item (limit 0) on the day of acceptance', () => {
    const status = computeDeadline(calendar, { acceptedOn: '2026-03-02', limit: { value: 0, unit: 'workday' } }, { today: '2026-03-02' });
    expect(status).toMatchObject({ dueDate: '2026-03-02', remainingWorkdays: 0, level: 'yellow' });
    expect(
      computeDeadline(calendar, { acceptedOn: '2026-03-02', limit: { value: 0, unit: 'workday' } }, { today: '2026-03-03' }).level,
    ).toBe('red');
  });

  it('ends a natural-day limit on the next working day when its last day is a holiday (民法典 art. 203)', () => {
    const clock: CaseClock = { acceptedOn: '2026-09-24', limit: { value: 10, unit: 'natural-day' } };
    expect(computeDeadline(calendar, clock, { today: '2026-09-24' }).dueDate).toBe('2026-10-08');
    expect(
      computeDeadline(calendar, { acceptedOn: '2026-03-02', limit: { value: 7, unit: 'natural-day' } }, { today: '2026-03-02' }).dueDate,
    ).toBe('2026-03-09');
    expect(
      computeDeadline(calendar, { acceptedOn: '2026-03-02', limit: { value: 8, unit: 'natural-day' } }, { today: '2026-03-02' }).dueDate,
    ).toBe('2026-03-10');
  });

  it('excludes a 补正 pause, start and end day included', () => {
    const clock: CaseClock = {
      acceptedOn: '2026-03-02',
      limit: { value: 10, unit: 'workday' },
      pauses: [{ kind: 'correction', startedOn: '2026-03-05', endedOn: '2026-03-09' }],
    };
    expect(computeDeadline(calendar, { ...clock, pauses: [] }, { today: '2026-03-02' }).dueDate).toBe('2026-03-16');
    const status = computeDeadline(calendar, clock, { today: '2026-03-12' });
    expect(status).toMatchObject({
      dueDate: '2026-03-19',
      elapsedWorkdays: 5,
      remainingWorkdays: 5,
      pausedWorkdays: 3,
      level: 'normal',
      provisional: false,
    });
  });

  it('merges overlapping pauses so a day is excluded once', () => {
    const pauses: ClockPause[] = [
      { kind: 'correction', startedOn: '2026-03-05', endedOn: '2026-03-09' },
      { kind: 'special-procedure', startedOn: '2026-03-09', endedOn: '2026-03-10', note: '专家评审' },
      { kind: 'special-procedure', startedOn: '2026-03-06', endedOn: '2026-03-06' },
    ];
    const status = computeDeadline(
      calendar,
      { acceptedOn: '2026-03-02', limit: { value: 10, unit: 'workday' }, pauses },
      { today: '2026-03-11' },
    );
    expect(status.dueDate).toBe('2026-03-20');
    expect(status.pausedWorkdays).toBe(4);
  });

  it('shows an open pause as paused, with a provisional due date that assumes a restart tomorrow', () => {
    const clock: CaseClock = {
      acceptedOn: '2026-03-02',
      limit: { value: 10, unit: 'workday' },
      pauses: [{ kind: 'special-procedure', startedOn: '2026-03-05', note: '检测' }],
    };
    const friday = computeDeadline(calendar, clock, { today: '2026-03-06' });
    expect(friday).toMatchObject({ dueDate: '2026-03-18', provisional: true, elapsedWorkdays: 2, remainingWorkdays: 8, level: 'paused' });
    expect(friday.openPause?.note).toBe('检测');
    const later = computeDeadline(calendar, clock, { today: '2026-03-10' });
    expect(later).toMatchObject({ dueDate: '2026-03-20', elapsedWorkdays: 2, remainingWorkdays: 8, level: 'paused' });
  });

  it('treats a pause with a planned end as paused until that day, then runs again', () => {
    const clock: CaseClock = {
      acceptedOn: '2026-03-02',
      limit: { value: 10, unit: 'workday' },
      pauses: [{ kind: 'special-procedure', startedOn: '2026-03-05', endedOn: '2026-03-09' }],
    };
    expect(computeDeadline(calendar, clock, { today: '2026-03-09' }).level).toBe('paused');
    expect(computeDeadline(calendar, clock, { today: '2026-03-10' }).level).toBe('normal');
  });

  it('adds extensions in working days and refuses them beyond the statutory cap', () => {
    const cap = STATUTORY_LIMITS.decisionExtensionWorkdays;
    const extended = computeDeadline(
      calendar,
      { ...twentyDays, extensions: [{ workdays: 10, reason: '需现场核查' }], extensionCapWorkdays: cap },
      { today: '2025-09-26' },
    );
    expect(extended).toMatchObject({ dueDate: calendar.addWorkdays('2025-10-30', 10), extensionWorkdays: 10 });
    const tooMuch = errorOf(() =>
      computeDeadline(
        calendar,
        {
          ...twentyDays,
          extensions: [
            { workdays: 6, reason: 'a' },
            { workdays: 5, reason: 'b' },
          ],
          extensionCapWorkdays: cap,
        },
        { today: '2025-09-26' },
      ),
    );
    expect(tooMuch.code).toBe('VALIDATION');
    expect(tooMuch.message).toMatch(/延期合计 11 个工作日，超过法定上限 10 个工作日/);
    expect(
      errorOf(() => computeDeadline(calendar, { ...twentyDays, extensions: [{ workdays: 2, reason: ' ' }] }, { today: '2025-09-26' }))
        .message,
    ).toMatch(/理由/);
    // A natural-day limit rolls over first, then the extension counts working days.
    const natural = computeDeadline(
      calendar,
      { acceptedOn: '2026-09-24', limit: { value: 10, unit: 'natural-day' }, extensions: [{ workdays: 1, reason: 'x' }] },
      { today: '2026-09-24' },
    );
    expect(natural.dueDate).toBe('2026-10-09');
  });

  it('checks a new extension against what was already granted', () => {
    expect(checkNewExtension([{ workdays: 4, reason: 'a' }], { workdays: 6, reason: 'b' }, 10)).toBe(10);
    expect(errorOf(() => checkNewExtension([{ workdays: 4, reason: 'a' }], { workdays: 7, reason: 'b' }, 10)).message).toMatch(
      /最多还能延期 6 个工作日/,
    );
    expect(errorOf(() => checkNewExtension([{ workdays: 15, reason: 'a' }], { workdays: 1, reason: 'b' }, 15)).message).toMatch(
      /已达法定上限/,
    );
  });
});

describe('computeDeadline: levels and counts', () => {
  const on = (today: string, yellowThresholdWorkdays?: number) =>
    computeDeadline(calendar, twentyDays, yellowThresholdWorkdays === undefined ? { today } : { today, yellowThresholdWorkdays });

  it('goes normal, yellow at the threshold, yellow on the due date, red the day after', () => {
    expect(on('2025-10-27')).toMatchObject({ elapsedWorkdays: 17, remainingWorkdays: 3, level: 'normal' });
    expect(on('2025-10-28')).toMatchObject({ elapsedWorkdays: 18, remainingWorkdays: 2, level: 'yellow' });
    expect(on('2025-10-30')).toMatchObject({ elapsedWorkdays: 20, remainingWorkdays: 0, level: 'yellow' });
    expect(on('2025-10-31')).toMatchObject({ elapsedWorkdays: 21, remainingWorkdays: -1, level: 'red' });
    expect(on('2025-11-01')).toMatchObject({ remainingWorkdays: -1, level: 'red' });
    expect(on('2025-11-03')).toMatchObject({ remainingWorkdays: -2, level: 'red' });
  });

  it('honours a configured threshold', () => {
    expect(on('2025-10-28', 0).level).toBe('normal');
    expect(on('2025-10-23', 5).level).toBe('yellow');
  });

  it('counts over the National Day holiday and before acceptance', () => {
    // 2025-09-28 is a make-up Sunday; 10-01..10-08 are off.
    expect(on('2025-10-08')).toMatchObject({ elapsedWorkdays: 3, remainingWorkdays: 17 });
    expect(on('2025-09-26')).toMatchObject({ elapsedWorkdays: 0, remainingWorkdays: 20, level: 'normal' });
    expect(on('2025-09-20')).toMatchObject({ elapsedWorkdays: 0, remainingWorkdays: 20 });
  });

  it('keeps a case red when a pause opens only after it was already overdue', () => {
    const clock: CaseClock = { ...twentyDays, pauses: [{ kind: 'correction', startedOn: '2025-11-03' }] };
    expect(computeDeadline(calendar, clock, { today: '2025-11-04' })).toMatchObject({ dueDate: '2025-10-30', level: 'red' });
  });

  it('refuses impossible pauses and reports unknown dates', () => {
    expect(
      errorOf(() =>
        computeDeadline(calendar, { ...twentyDays, pauses: [{ kind: 'correction', startedOn: '2025-09-25' }] }, { today: '2025-10-01' }),
      ).message,
    ).toMatch(/早于受理日期/);
    expect(
      errorOf(() =>
        computeDeadline(
          calendar,
          { ...twentyDays, pauses: [{ kind: 'correction', startedOn: '2025-10-09', endedOn: '2025-10-08' }] },
          { today: '2025-10-10' },
        ),
      ).message,
    ).toMatch(/早于开始日期/);
    expect(
      errorOf(() => computeDeadline(calendar, { acceptedOn: '2026-12-10', limit: { value: 20, unit: 'workday' } }, { today: '2026-12-10' }))
        .code,
    ).toBe('UNKNOWN_DATE');
    expect(errorOf(() => computeDeadline(calendar, twentyDays, { today: '2025-13-01' })).code).toBe('VALIDATION');
  });

  it('parses a clock from untrusted JSON with the exported schema', () => {
    expect(caseClockSchema.safeParse({ acceptedOn: '2026-03-02', limit: { value: 5, unit: 'workday' } }).success).toBe(true);
    expect(caseClockSchema.safeParse({ acceptedOn: '2026-02-30', limit: { value: 5, unit: 'workday' } }).success).toBe(false);
    expect(caseClockSchema.safeParse({ acceptedOn: '2026-03-02', limit: { value: -1, unit: 'workday' } }).success).toBe(false);
  });
});

/** Day-by-day reference: count days that are (working days, for 'workday') and in no pause. */
function referenceDue(clock: CaseClock, today: number): number {
  const accepted = parseIsoDate(clock.acceptedOn);
  const spans = (clock.pauses ?? []).map(
    (p) => [parseIsoDate(p.startedOn), p.endedOn ? parseIsoDate(p.endedOn) : Math.max(today, parseIsoDate(p.startedOn))] as const,
  );
  const paused = (d: number) => spans.some(([s, e]) => d >= s && d <= e);
  const isWork = (d: number) => calendar.classify(formatIsoDate(d)).workday;
  const counts = (d: number) => !paused(d) && (clock.limit.unit === 'natural-day' || isWork(d));
  let d = clock.countAcceptanceDay ? accepted - 1 : accepted;
  for (let left = clock.limit.value; left > 0;) if (counts(++d)) left--;
  if (clock.limit.unit === 'natural-day' && !isWork(d)) while (!isWork(++d) || paused(d));
  for (let left = (clock.extensions ?? []).reduce((s, e) => s + e.workdays, 0); left > 0;) if (isWork(++d) && !paused(d)) left--;
  return d;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('computeDeadline against a day-by-day reference', () => {
  it('agrees on 3,000 random cases with pauses, extensions and both units', () => {
    const random = seeded(20260302);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const firstDay = parseIsoDate('2024-01-02');
    const mismatches: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const accepted = firstDay + int(0, 700);
      const pauses: ClockPause[] = [];
      for (let p = int(0, 3), at = accepted; p > 0; p--) {
        at += int(0, 12);
        const length = int(0, 10);
        pauses.push(
          random() < 0.2
            ? { kind: 'correction', startedOn: formatIsoDate(at) }
            : { kind: 'special-procedure', startedOn: formatIsoDate(at), endedOn: formatIsoDate(at + length) },
        );
        at += length;
      }
      const clock: CaseClock = {
        acceptedOn: formatIsoDate(accepted),
        limit: { value: int(1, 45), unit: random() < 0.25 ? 'natural-day' : 'workday' },
        countAcceptanceDay: random() < 0.2,
        pauses,
        extensions: random() < 0.2 ? [{ workdays: int(1, 10), reason: '需补充检测' }] : [],
      };
      const today = accepted + int(0, 60);
      const status = computeDeadline(calendar, clock, { today: formatIsoDate(today) });
      const expected = formatIsoDate(referenceDue(clock, today));
      if (status.dueDate !== expected)
        mismatches.push(`${JSON.stringify(clock)} today ${formatIsoDate(today)}: ${status.dueDate} != ${expected}`);
      if (clock.limit.unit === 'workday' && !status.provisional && today <= parseIsoDate(status.dueDate) && !status.openPause) {
        const total = clock.limit.value + status.extensionWorkdays;
        if (status.elapsedWorkdays + status.remainingWorkdays !== total) {
          mismatches.push(
            `${JSON.stringify(clock)} today ${formatIsoDate(today)}: elapsed ${status.elapsedWorkdays} + remaining ${status.remainingWorkdays} != ${total}`,
          );
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
