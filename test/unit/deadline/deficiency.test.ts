import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { computeDeadline, deficiencyLapse, deficiencySupplementDeadline } from '../../../shared/domain/deadline';
import { builtinCalendar } from '../calendar/builtin-calendar';

const calendar = builtinCalendar();

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') return error.message;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('容缺 supplement deadline', () => {
  const acceptedOn = '2026-03-02';
  const promisedDueOn = computeDeadline(calendar, { acceptedOn, limit: { value: 10, unit: 'workday' } }, { today: acceptedOn }).dueDate;

  it('defaults to the promised due date and computes a requested number of working days', () => {
    expect(promisedDueOn).toBe('2026-03-16');
    expect(deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn })).toBe('2026-03-16');
    expect(deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { workdays: 5 } })).toBe('2026-03-09');
    expect(deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { date: '2026-03-12' } })).toBe('2026-03-12');
  });

  it('refuses a deadline later than the promised due date, on a day off, or not after acceptance', () => {
    expect(
      messageOf(() => deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { date: '2026-03-17' } })),
    ).toMatch(/晚于承诺办结日期 2026-03-16，最晚只能约定到 2026-03-16/);
    expect(messageOf(() => deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { workdays: 11 } }))).toMatch(
      /晚于承诺办结日期/,
    );
    expect(
      messageOf(() => deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { date: '2026-03-14' } })),
    ).toMatch(/不是工作日/);
    expect(
      messageOf(() => deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { date: '2026-03-02' } })),
    ).toMatch(/应在受理日期/);
    expect(messageOf(() => deficiencySupplementDeadline(calendar, { acceptedOn, promisedDueOn, requested: { workdays: 0 } }))).toMatch(
      /至少 1 个工作日/,
    );
  });
});

describe('容缺 suspension and return', () => {
  const supplementDueOn = '2026-03-09';

  it('suspends the day after the deadline and returns after 15 working days of grace', () => {
    const dates = { suspendedFrom: '2026-03-10', restoreBy: '2026-03-30', returnOn: '2026-03-31' };
    expect(deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-09' })).toEqual({ state: 'awaiting', ...dates });
    expect(deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-10' }).state).toBe('suspended');
    expect(deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-30' }).state).toBe('suspended');
    expect(deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-31' }).state).toBe('returned');
  });

  it('tells supplied in time, restored within grace, and too late apart', () => {
    expect(deficiencyLapse(calendar, { supplementDueOn, suppliedOn: '2026-03-09', today: '2026-04-20' }).state).toBe('supplied');
    expect(deficiencyLapse(calendar, { supplementDueOn, suppliedOn: '2026-03-30', today: '2026-04-20' }).state).toBe('restored');
    expect(deficiencyLapse(calendar, { supplementDueOn, suppliedOn: '2026-03-31', today: '2026-04-20' }).state).toBe('returned');
  });

  it('takes a configured grace period, counted over holidays', () => {
    expect(deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-09', graceWorkdays: 3 })).toMatchObject({
      restoreBy: '2026-03-12',
      returnOn: '2026-03-13',
    });
    // Deadline just before the Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 make-up).
    expect(deficiencyLapse(calendar, { supplementDueOn: '2026-02-13', today: '2026-02-13', graceWorkdays: 2 })).toMatchObject({
      restoreBy: '2026-02-24',
      returnOn: '2026-02-25',
    });
    expect(messageOf(() => deficiencyLapse(calendar, { supplementDueOn, today: '2026-03-09', graceWorkdays: -1 }))).toMatch(/宽限期/);
  });
});
