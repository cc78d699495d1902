import { Tooltip } from 'antd';
import type { HolidayYearView } from '../../../shared/api/calendar';
import { formatIsoDate, ordinalFromCivil, weekdayOfOrdinal } from '../../../shared/domain/calendar/dates';
import './calendar-admin.css';

const HEAD = ['一', '二', '三', '四', '五', '六', '日'];

function daysIn(year: number, month: number): number {
  return ordinalFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - ordinalFromCivil(year, month, 1);
}

/**
 * Twelve small month grids of one year, to compare with the notice before it is stored: days
 * off in red with the holiday's name on hover, make-up working days (调休上班) marked 班.
 */
export function YearCalendar({ year, provisional }: { year: HolidayYearView; provisional?: boolean }) {
  const off = new Map<string, string>();
  for (const h of year.holidays) {
    for (let d = ordinalFromCivil(+h.from.slice(0, 4), +h.from.slice(5, 7), +h.from.slice(8, 10)); formatIsoDate(d) <= h.to; d++)
      off.set(formatIsoDate(d), h.name);
  }
  const makeup = new Map(year.makeupWorkdays.map((m) => [m.date, m.forHoliday ?? '']));
  return (
    <div className="ow-year" data-testid={`year-calendar-${year.year}`}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = ordinalFromCivil(year.year, month, 1);
        const lead = (weekdayOfOrdinal(first) + 6) % 7; // Monday first, as Chinese calendars print
        return (
          <div key={month} className="ow-month">
            <div className="ow-month-title">{month}月</div>
            <div className="ow-month-grid">
              {HEAD.map((h) => (
                <span key={h} className="ow-day-head">
                  {h}
                </span>
              ))}
              {Array.from({ length: lead }, (_, k) => (
                <span key={`x${k}`} />
              ))}
              {Array.from({ length: daysIn(year.year, month) }, (_, k) => {
                const date = formatIsoDate(first + k);
                const weekday = weekdayOfOrdinal(first + k);
                const holiday = off.get(date);
                const work = makeup.get(date);
                const weekend = weekday === 0 || weekday === 6;
                const cls = holiday ? 'ow-day-off' : work !== undefined ? 'ow-day-makeup' : weekend ? 'ow-day-weekend' : 'ow-day';
                const title = holiday
                  ? `${date} ${holiday}${provisional ? '（暂估）' : ''}`
                  : work !== undefined
                    ? `${date} 调休上班${work ? `（${work}）` : ''}`
                    : undefined;
                const cell = (
                  <span key={date} className={cls} data-date={date}>
                    {k + 1}
                    {work !== undefined && <sup>班</sup>}
                  </span>
                );
                return title ? (
                  <Tooltip key={date} title={title}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
