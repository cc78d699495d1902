/**
 * An administrator's import of the State Council notice (screen and CLI share it): parse,
 * preview, store, then recompute every open deadline on the new calendar.
 */
import type { CalendarChange, NoticePreview } from '../../shared/api/calendar';
import { AppError } from '../../shared/api/errors';
import { parseHolidayNotice, type ParsedNotice } from '../../shared/domain/calendar';
import { commandTime } from '../cases/case-host';
import { storeImportedNotice, workstationCalendarData } from './arrangements';
import { refreshWorkstationCalendar, type CalendarHost } from './recompute';

export function previewNotice(host: CalendarHost, text: string): NoticePreview {
  const parsed = parseHolidayNotice(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const replaces = workstationCalendarData(host.db).years.some((y) => y.year === parsed.value.year.year);
  return { ok: true, year: parsed.value.year, previousYearMakeup: parsed.value.previousYearMakeup, replaces };
}

function parsedOrThrow(text: string): ParsedNotice {
  const parsed = parseHolidayNotice(text);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    const more = parsed.problems.length > 1 ? `（另有 ${parsed.problems.length - 1} 处）` : '';
    throw new AppError(
      'VALIDATION',
      `通知文字无法识别：${first.message}${more}。请核对后重新粘贴`,
      parsed.problems.map((p) => ({ path: `第${p.line}行`, message: p.message })),
    );
  }
  return parsed.value;
}

export function importNotice(host: CalendarHost, text: string, actor: string | null): { year: number; change: CalendarChange | null } {
  const notice = parsedOrThrow(text);
  const { at } = commandTime(host);
  storeImportedNotice(host.db, notice, text, actor, at);
  const change = refreshWorkstationCalendar(host, `导入了${notice.year.year}年放假安排（国务院办公厅通知）`, actor);
  return { year: notice.year.year, change: change ?? null };
}
