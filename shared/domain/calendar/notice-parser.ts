/**
 * Reads the text of a State Council holiday notice (国务院办公厅关于2027年部分节假日安排的通知)
 * as an administrator pastes it, into one year of holiday data. Each numbered line
 * ("一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。12月27日（周日）上班。") gives the days
 * off, the stated count and the make-up working days. Every check that can fail names the
 * line, in Chinese, so the administrator can compare it with the published notice.
 */
import { formatIsoDate, ordinalFromCivil, tryParseIsoDate, weekdayOfOrdinal, WEEKDAY_NAMES } from './dates';
import { parseHolidayCalendar, type HolidayPeriod, type HolidayYear, type MakeupWorkday } from './holiday-data';

export interface NoticeProblem {
  /** 1-based line of the pasted text; 0 when the problem is about the whole text. */
  line: number;
  message: string;
}

export interface ParsedNotice {
  /** The notice's year, with its days off and make-up days in that year. */
  year: HolidayYear;
  /**
   * Make-up days the notice places in December of the year before (a 元旦 arrangement may
   * ask for a Sunday in late December): they belong to the previous year's calendar.
   */
  previousYearMakeup: MakeupWorkday[];
}

export type NoticeParseResult = { ok: true; value: ParsedNotice } | { ok: false; problems: NoticeProblem[] };

const CN_NUMBERING = /^[一二三四五六七八九十]+、\s*([^:]+?)\s*:\s*(.*)$/;
const TITLE_YEAR = /(\d{4})年(?:部分)?节假日安排|现将(\d{4})年/;
const DAY = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(\([^)]*\))?/g;
const WEEKDAY_NOTE = /(?:周|星期)([日天一二三四五六])/;
const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

interface DayRef {
  ordinal: number;
  text: string;
}

class LineError extends Error {}

/** Full-width digits, colons, commas and brackets as ASCII, so one grammar reads every paste. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\u3000/g, ' ');
}

/** Resolves the day matches of one sentence; a day without a month takes the previous one's. */
function readDays(sentence: string, year: number, holidayName: string): DayRef[] {
  const out: DayRef[] = [];
  let month: number | undefined;
  let explicitYear: number | undefined;
  for (const m of sentence.matchAll(DAY)) {
    const text = m[0];
    if (m[1]) explicitYear = Number(m[1]);
    if (m[2]) month = Number(m[2]);
    if (month === undefined) throw new LineError(`“${text}”缺少月份`);
    const day = Number(m[3]);
    const note = m[4] ? WEEKDAY_NOTE.exec(m[4]) : null;
    const stated = note ? WEEKDAY_INDEX[note[1]!] : undefined;
    const candidates =
      explicitYear !== undefined ? [explicitYear] : month === 12 && holidayName.includes('元旦') ? [year, year - 1] : [year];
    let chosen: number | undefined;
    for (const y of candidates) {
      const ordinal = tryParseIsoDate(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      if (ordinal === undefined) continue;
      if (stated === undefined || weekdayOfOrdinal(ordinal) === stated) {
        chosen = ordinal;
        break;
      }
    }
    if (chosen === undefined) {
      const y = candidates[0]!;
      const ordinal = tryParseIsoDate(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      if (ordinal === undefined) throw new LineError(`${y}年没有${month}月${day}日`);
      throw new LineError(
        `${month}月${day}日标注为${note ? note[0] : ''}，但${y}年${month}月${day}日是${WEEKDAY_NAMES[weekdayOfOrdinal(ordinal)]}，请与通知原文核对`,
      );
    }
    out.push({ ordinal: chosen, text });
  }
  return out;
}

interface HolidayLine {
  line: number;
  name: string;
  from: number;
  to: number;
  makeup: number[];
}

function parseHolidayLine(name: string, body: string, year: number): Omit<HolidayLine, 'line' | 'name'> {
  const sentences = body
    .split(/[。;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let off: { from: number; to: number } | undefined;
  const makeup: number[] = [];
  for (const sentence of sentences) {
    if (sentence.includes('放假')) {
      if (off) throw new LineError('有两处放假日期，每行只应写一个节日的放假安排');
      const before = sentence.slice(0, sentence.indexOf('放假'));
      const days = readDays(before, year, name);
      if (days.length === 0) throw new LineError('找不到放假日期（应写作“1月1日至3日放假”）');
      if (days.length > 2 || (days.length === 2 && !before.includes('至'))) throw new LineError('放假日期应为一天或“某日至某日”');
      const from = days[0]!.ordinal;
      const to = days[days.length - 1]!.ordinal;
      if (to < from) throw new LineError(`结束日 ${formatIsoDate(to)} 早于开始日 ${formatIsoDate(from)}`);
      const stated = /共(\d+)天|放假(\d+)天/.exec(sentence);
      const count = stated ? Number(stated[1] ?? stated[2]) : undefined;
      if (count !== undefined && count !== to - from + 1) {
        throw new LineError(`写明共${count}天，但 ${formatIsoDate(from)} 至 ${formatIsoDate(to)} 是${to - from + 1}天，请与通知原文核对`);
      }
      off = { from, to };
    } else if (sentence.includes('上班')) {
      const days = readDays(sentence, year, name);
      if (days.length === 0) throw new LineError(`“${sentence}”中找不到上班日期`);
      for (const d of days) makeup.push(d.ordinal);
    }
  }
  if (!off) throw new LineError('找不到“放假”日期');
  return { ...off, makeup };
}

/** The notice's year from its title or first sentence, or the year the administrator chose. */
function noticeYear(lines: string[], given: number | undefined): number | NoticeProblem {
  for (const line of lines) {
    const m = TITLE_YEAR.exec(line);
    if (m) {
      const found = Number(m[1] ?? m[2]);
      if (given !== undefined && given !== found) return { line: 0, message: `通知写的是${found}年，与所选的${given}年不符，请核对` };
      return found;
    }
  }
  if (given !== undefined) return given;
  return { line: 0, message: '找不到通知的年份：请连同标题“国务院办公厅关于××××年部分节假日安排的通知”一起粘贴' };
}

export function parseHolidayNotice(text: string, options: { year?: number } = {}): NoticeParseResult {
  const lines = normalise(text).split(/\r?\n/);
  const yearOrProblem = noticeYear(lines, options.year);
  if (typeof yearOrProblem !== 'number') return { ok: false, problems: [yearOrProblem] };
  const year = yearOrProblem;

  const problems: NoticeProblem[] = [];
  const parsed: HolidayLine[] = [];
  lines.forEach((raw, i) => {
    const m = CN_NUMBERING.exec(raw.trim());
    if (!m) return;
    const name = m[1]!.trim();
    // Numbered lines without a date (e.g. "一、各地区要妥善安排…") are not holiday lines.
    if (!/\d+月\d+日/.test(m[2]!)) return;
    try {
      parsed.push({ line: i + 1, name, ...parseHolidayLine(name, m[2]!, year) });
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      problems.push({ line: i + 1, message: `第${i + 1}行（${name}）：${error.message}` });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  if (parsed.length === 0) {
    return {
      ok: false,
      problems: [{ line: 0, message: '没有找到任何节日安排：每个节日应单独一行，如“一、元旦：1月1日至3日放假调休，共3天。”' }],
    };
  }

  const holidays: HolidayPeriod[] = [];
  const makeupWorkdays: MakeupWorkday[] = [];
  const previousYearMakeup: MakeupWorkday[] = [];
  // Where each entry came from, to name the line when a rule between dates fails.
  const holidayLines: number[] = [];
  const makeupLines: number[] = [];
  const firstOfYear = ordinalFromCivil(year, 1, 1);
  for (const h of parsed) {
    holidays.push({ name: h.name, from: formatIsoDate(h.from), to: formatIsoDate(h.to) });
    holidayLines.push(h.line);
    for (const d of h.makeup) {
      const entry = { date: formatIsoDate(d), forHoliday: h.name };
      if (d < firstOfYear) previousYearMakeup.push(entry);
      else {
        makeupWorkdays.push(entry);
        makeupLines.push(h.line);
      }
    }
  }
  const entry: HolidayYear = { year, source: `国务院办公厅关于${year}年部分节假日安排的通知`, holidays, makeupWorkdays };
  const checked = parseHolidayCalendar({ years: [entry] });
  if (!checked.ok) {
    return {
      ok: false,
      problems: checked.problems.map((p) => {
        const h = /holidays\[(\d+)\]/.exec(p.path);
        const k = /makeupWorkdays\[(\d+)\]/.exec(p.path);
        const line = h ? holidayLines[Number(h[1])] : k ? makeupLines[Number(k[1])] : undefined;
        // Paths name our own structure, not the notice: say the line instead.
        const message = p.message.replace(/years\[0\]\.(holidays|makeupWorkdays)\[\d+\](\.\w+)?/g, '另一行');
        return line === undefined ? { line: 0, message } : { line, message: `第${line}行：${message}` };
      }),
    };
  }
  return { ok: true, value: { year: entry, previousYearMakeup } };
}
