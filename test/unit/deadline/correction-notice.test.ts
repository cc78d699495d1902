import { describe, expect, it } from 'vitest';
import { correctionNoticeClock } from '../../../shared/domain/deadline';
import { builtinCalendar } from '../calendar/builtin-calendar';

const calendar = builtinCalendar();

describe('补正 notice clock (行政许可法 art. 32)', () => {
  // Received the day before National Day 2026: 10-01..10-07 off, 10-10 is a make-up Saturday.
  const receivedOn = '2026-09-30';

  it('gives 5 working days from receipt, the receipt day not counted', () => {
    expect(correctionNoticeClock(calendar, { receivedOn, today: receivedOn })).toEqual({
      noticeDueOn: '2026-10-13',
      state: 'pending',
      remainingWorkdays: 5,
      deemedAcceptedOn: null,
    });
    expect(correctionNoticeClock(calendar, { receivedOn, today: '2026-10-12' })).toMatchObject({ state: 'pending', remainingWorkdays: 1 });
  });

  it('is in time on the last day, late the day after, and late means accepted on receipt', () => {
    expect(correctionNoticeClock(calendar, { receivedOn, notifiedOn: '2026-10-13', today: '2026-10-20' })).toMatchObject({
      state: 'notified-in-time',
      deemedAcceptedOn: null,
    });
    expect(correctionNoticeClock(calendar, { receivedOn, notifiedOn: '2026-10-14', today: '2026-10-20' })).toMatchObject({
      state: 'late',
      deemedAcceptedOn: receivedOn,
    });
    expect(correctionNoticeClock(calendar, { receivedOn, today: '2026-10-14' })).toMatchObject({
      state: 'late',
      remainingWorkdays: -1,
      deemedAcceptedOn: receivedOn,
    });
  });

  it('accepts a stricter local period', () => {
    expect(correctionNoticeClock(calendar, { receivedOn, today: receivedOn, noticeWorkdays: 1 }).noticeDueOn).toBe('2026-10-08');
  });
});
