import { afterEach, describe, expect, it } from 'vitest';
import { instantOfShanghai, shanghaiDate, shanghaiDateTime, shanghaiLongDate, shanghaiTime } from '../../../shared/domain/time';
import { createClock, parseClockInstant } from '../../../electron/clock';
import { localToday } from '../../../electron/devices/idcard/card-assembly';

const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

describe('one civil time: Asia/Shanghai whatever the PC zone', () => {
  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai'])(
    'gives the Beijing date and time with the PC on %s',
    (zone) => {
      process.env.TZ = zone;
      // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing.
      const at = new Date('2026-12-31T16:30:05Z');
      expect(shanghaiDate(at)).toBe('2027-01-01');
      expect(shanghaiDateTime(at)).toBe('2027-01-01 00:30');
      expect(shanghaiDateTime(at.toISOString(), { seconds: true })).toBe('2027-01-01 00:30:05');
      expect(shanghaiTime(at)).toBe('00:30:05');
      expect(shanghaiLongDate(at)).toBe('2027年1月1日 周五');
      // Card expiry is judged on the same date.
      expect(localToday(at)).toBe('2027-01-01');
      expect(instantOfShanghai('2026-12-28', '09:00:00').toISOString()).toBe('2026-12-28T01:00:00.000Z');
    },
  );

  it('leaves an unparsable timestamp as it came', () => {
    expect(shanghaiDateTime('not a time')).toBe('not a time');
    expect(shanghaiDate('not a time')).toBe('');
  });
});

describe('the injectable clock', () => {
  it('starts at the injected instant and ticks at real speed', () => {
    let real = 1_000_000;
    const clock = createClock({ start: '2026-12-28T09:00:00+08:00', realNow: () => real });
    expect(clock.now().toISOString()).toBe('2026-12-28T01:00:00.000Z');
    real += 60_000;
    expect(clock.now().toISOString()).toBe('2026-12-28T01:01:00.000Z');
    expect(clock.injected).toBe(true);
  });

  it('lets only a test host set or advance it', () => {
    let real = 0;
    const production = createClock({ realNow: () => real });
    expect(() => production.set(new Date('2027-01-05T01:00:00Z'))).toThrow(/仅测试启动的工作站/);
    const test = createClock({ testControl: true, realNow: () => real });
    test.set(new Date('2027-01-05T01:00:00Z'));
    real += 1000;
    test.advance(86_400_000);
    expect(test.now().toISOString()).toBe('2027-01-06T01:00:01.000Z');
  });

  it('refuses an instant without its zone, in Chinese', () => {
    expect(() => parseClockInstant('2026-12-28 09:00')).toThrow(/带时区的时间，例如 2026-12-28T09:00:00\+08:00/);
    expect(parseClockInstant('2026-12-28T09:00:00+08:00').toISOString()).toBe('2026-12-28T01:00:00.000Z');
  });
});
