import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHolidayNotice } from '../../../shared/domain/calendar';
import { builtinCalendarData } from './builtin-calendar';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/calendar', name), 'utf8');

function parsedYear(text: string) {
  const r = parseHolidayNotice(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('reading the State Council holiday notice', () => {
  it.each([2025, 2026])('reads the real %i notice into exactly the shipped holiday data', (year) => {
    const shipped = builtinCalendarData().years.find((y) => y.year === year)!;
    const { year: entry, previousYearMakeup } = parsedYear(fixture(`notice-${year}.txt`));
    expect(entry.year).toBe(year);
    expect(entry.holidays).toEqual(shipped.holidays);
    expect(entry.makeupWorkdays).toEqual(shipped.makeupWorkdays);
    expect(previousYearMakeup).toEqual([]);
  });

  it('reads the 2026 notice: 春节 2-15 to 2-23 with 2-14 and 2-28 worked', () => {
    const { year } = parsedYear(fixture('notice-2026.txt'));
    expect(year.holidays.find((h) => h.name === '春节')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(year.makeupWorkdays.filter((m) => m.forHoliday === '春节').map((m) => m.date)).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('accepts full-width digits, ASCII punctuation, 星期 and a make-up Sunday in the December before', () => {
    const text = [
      '国务院办公厅关于２０２７年部分节假日安排的通知',
      '一、元旦:1月1日(星期五)至3日(星期日)放假调休,共3天。2026年12月27日(星期日)上班。',
      '二、春节：２月５日（农历除夕、周五）至１１日（周四）放假调休，共７天。',
    ].join('\n');
    const { year, previousYearMakeup } = parsedYear(text);
    expect(year.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-11' },
    ]);
    expect(previousYearMakeup).toEqual([{ date: '2026-12-27', forHoliday: '元旦' }]);
  });

  it('names the line of every problem, in Chinese', () => {
    const text = [
      '国务院办公厅关于2026年部分节假日安排的通知',
      '一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。',
      '二、春节：2月15日（周一）至23日放假调休，共9天。',
      '三、清明节：4月4日至6日放假，共3天。4月8日（周三）上班。',
      '四、劳动节：5月1日至5日。',
    ].join('\n');
    const r = parseHolidayNotice(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(r.problems[0]!.message).toMatch(/^第2行（元旦）：写明共4天，但 2026-01-01 至 2026-01-03 是3天/);
    expect(r.problems[1]!.message).toMatch(/^第3行（春节）：2月15日标注为周一，但2026年2月15日是周日/);
    expect(r.problems[2]!.message).toMatch(/^第5行（劳动节）：找不到“放假”日期/);
    // Once every line reads, the rules between dates still name the line.
    const weekday = parseHolidayNotice(
      '国务院办公厅关于2026年部分节假日安排的通知\n三、清明节：4月4日至6日放假，共3天。4月8日（周三）上班。',
    );
    expect(weekday.ok).toBe(false);
    if (!weekday.ok) expect(weekday.problems[0]!.message).toMatch(/^第2行：调休上班日应是周六或周日，2026-04-08 是周三/);
  });

  it('asks for the title when the year cannot be found, and for holiday lines when there are none', () => {
    const noYear = parseHolidayNotice('一、元旦：1月1日放假1天。');
    expect(noYear.ok === false && noYear.problems[0]!.message).toMatch(/找不到通知的年份/);
    const noLines = parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n请各地妥善安排。');
    expect(noLines.ok === false && noLines.problems[0]!.message).toMatch(/没有找到任何节日安排/);
  });
});
