/**
 * `onewindow calendar ...`: lets IT check the working-day calendar behind every deadline.
 * add-workdays and is-workday answer on the calendar the workstation runs on: the release's
 * file, the platform's and imported years from the data directory, and provisional (暂估)
 * years derived from the statutory holidays for the rest.
 * Exit codes: 0 ok; 1 the calendar file or notice is missing or broken; 2 bad arguments or a
 * malformed date; 3 the date is outside the years the calendar can know (before 1991 or after
 * 2099).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/api/errors';
import {
  formatIsoDate,
  isIsoDate,
  parseHolidayNotice,
  parseIsoDate,
  WorkingDayCalendar,
  WEEKDAY_NAMES,
} from '../../shared/domain/calendar';
import { buildWorkstationCalendar } from '../calendar/arrangements';
import { defaultHolidaysPath, loadWorkingDayCalendar, readHolidayCalendarFile } from '../calendar/load';
import { importNotice } from '../calendar/notice-import';
import { resolveDataDir } from '../store/paths';
import { CliError, type CliCommand, type CliIo } from './command';
import { openForCli } from './store-access';

const EXIT_CALENDAR_FILE = 1;
const EXIT_USAGE = 2;
const EXIT_UNKNOWN_DATE = 3;

function parse(args: string[], usage: string) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { calendar: { type: 'string' }, 'data-dir': { type: 'string' } },
    });
  } catch (error) {
    throw new CliError(`参数有误：${(error as Error).message}。用法：${usage}`, EXIT_USAGE);
  }
}

function requireDate(text: string | undefined, usage: string): string {
  if (text === undefined) throw new CliError(`缺少日期。用法：${usage}`, EXIT_USAGE);
  if (!isIsoDate(text)) throw new CliError(`“${text}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-10-08`, EXIT_USAGE);
  return text;
}

/**
 * `--calendar` alone, or the workstation's own calendar: the release's file plus what its data
 * directory received (read-only; an absent data directory is simply the release's file).
 */
function openCalendar(file: string | undefined, dataDir: string | undefined, io: CliIo): WorkingDayCalendar {
  try {
    if (file !== undefined) return loadWorkingDayCalendar({ file, env: io.env });
    const dbFile = join(resolveDataDir(dataDir, io.env), 'onewindow.db');
    if (!existsSync(dbFile)) return loadWorkingDayCalendar({ env: io.env });
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return buildWorkstationCalendar(db, io.env);
    } finally {
      db.close();
    }
  } catch (error) {
    throw toCliError(error);
  }
}

function estimateNote(calendar: WorkingDayCalendar, from: string, to: string): string | undefined {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!calendar.isEstimatedBetween(Math.min(a, b) + 1, Math.max(a, b))) return undefined;
  const years = [...new Set([a, b].map((d) => Number(formatIsoDate(d).slice(0, 4))))].filter((y) => calendar.isProvisionalYear(y));
  return `暂估：${years.join('、')}年放假安排尚未公布，按法定节假日推算（无调休），公布后请重新计算`;
}

function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof AppError) {
    if (error.code === 'UNKNOWN_DATE') return new CliError(error.message, EXIT_UNKNOWN_DATE);
    if (error.code === 'VALIDATION' && error.details === undefined) return new CliError(error.message, EXIT_USAGE);
    const first = error.details?.[0];
    return new CliError(first ? `${error.message}；第一处：${first.path} ${first.message}` : error.message, EXIT_CALENDAR_FILE);
  }
  throw error;
}

const addWorkdaysUsage = 'onewindow calendar add-workdays <YYYY-MM-DD> <n> [--calendar <file> | --data-dir <dir>]';
const isWorkdayUsage = 'onewindow calendar is-workday <YYYY-MM-DD> [--calendar <file> | --data-dir <dir>]';
const importUsage = 'onewindow calendar import <通知文字.txt> [--data-dir <dir>] [--dry-run]';
const checkUsage = 'onewindow calendar check [--calendar <file>]';

const addWorkdays: CliCommand = {
  path: ['calendar', 'add-workdays'],
  summary: '推算某日之后第 n 个工作日（当日不计）',
  usage: addWorkdaysUsage,
  async run(args, io) {
    const { values, positionals } = parse(args, addWorkdaysUsage);
    if (positionals.length !== 2) throw new CliError(`需要日期和工作日数两个参数。用法：${addWorkdaysUsage}`, EXIT_USAGE);
    const date = requireDate(positionals[0], addWorkdaysUsage);
    const countText = positionals[1] ?? '';
    if (!/^-?\d+$/.test(countText)) {
      throw new CliError(`工作日数“${countText}”应为整数（往前推用 -- -3 的写法）。用法：${addWorkdaysUsage}`, EXIT_USAGE);
    }
    const calendar = openCalendar(values.calendar, values['data-dir'], io);
    try {
      const result = calendar.addWorkdays(date, Number(countText));
      io.out(result);
      const note = estimateNote(calendar, date, result);
      if (note) io.err(note);
    } catch (error) {
      throw toCliError(error);
    }
    return 0;
  },
};

const isWorkday: CliCommand = {
  path: ['calendar', 'is-workday'],
  summary: '判断某日是否工作日，并说明原因（节假日、周末、调休上班）',
  usage: isWorkdayUsage,
  async run(args, io) {
    const { values, positionals } = parse(args, isWorkdayUsage);
    if (positionals.length !== 1) throw new CliError(`需要一个日期参数。用法：${isWorkdayUsage}`, EXIT_USAGE);
    const date = requireDate(positionals[0], isWorkdayUsage);
    const calendar = openCalendar(values.calendar, values['data-dir'], io);
    try {
      const day = calendar.classify(date);
      // An ordinary working day needs no reason; the others say why. A provisional year says 暂估 last.
      const estimated = calendar.isProvisionalYear(Number(date.slice(0, 4))) ? ' 暂估' : '';
      io.out(day.kind === 'workday' ? `workday${estimated}` : `${day.workday ? 'workday' : 'holiday'} ${day.reason}${estimated}`);
    } catch (error) {
      throw toCliError(error);
    }
    return 0;
  },
};

const check: CliCommand = {
  path: ['calendar', 'check'],
  summary: '检查节假日日历文件，列出每处错误或每年的工作日数',
  usage: checkUsage,
  async run(args, io) {
    const { values, positionals } = parse(args, checkUsage);
    if (positionals.length !== 0) throw new CliError(`多余的参数：${positionals.join(' ')}。用法：${checkUsage}`, EXIT_USAGE);
    let file: string;
    try {
      file = values.calendar ?? defaultHolidaysPath(io.env);
      const data = readHolidayCalendarFile(file);
      const calendar = new WorkingDayCalendar(data);
      io.out(`${file}：有效${data.version === undefined ? '' : `（版本 ${data.version}）`}`);
      for (const year of calendar.knownYears()) io.out(`${year}年 ${calendar.workdaysInYear(year)} 个工作日`);
    } catch (error) {
      if (error instanceof AppError && error.details) {
        for (const problem of error.details) io.err(`${problem.path}: ${problem.message}`);
        throw new CliError(error.message, EXIT_CALENDAR_FILE);
      }
      throw toCliError(error);
    }
    return 0;
  },
};

const importCommand: CliCommand = {
  path: ['calendar', 'import'],
  summary: '导入国务院办公厅放假安排通知的文字，并重新计算在办件的办结时限',
  usage: importUsage,
  async run(args, io) {
    let parsedArgs;
    try {
      parsedArgs = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { 'data-dir': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      });
    } catch (error) {
      throw new CliError(`参数有误：${(error as Error).message}。用法：${importUsage}`, EXIT_USAGE);
    }
    const { values, positionals } = parsedArgs;
    if (positionals.length !== 1) throw new CliError(`需要一个通知文字文件。用法：${importUsage}`, EXIT_USAGE);
    const file = positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new CliError(
        code === 'ENOENT' ? `找不到通知文件 ${file}，请检查路径` : `无法读取通知文件 ${file}（${String(code)}），请检查文件权限`,
        EXIT_CALENDAR_FILE,
      );
    }
    const parsed = parseHolidayNotice(text);
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.err(problem.message);
      throw new CliError(`通知文字有 ${parsed.problems.length} 处无法识别，请与通知原文核对后重试`, EXIT_CALENDAR_FILE);
    }
    const year = parsed.value.year;
    io.out(`${year.year}年放假安排：`);
    for (const h of year.holidays) {
      const days = parseIsoDate(h.to) - parseIsoDate(h.from) + 1;
      io.out(`  ${h.name}：${h.from}${h.to === h.from ? '' : ` 至 ${h.to}`} 放假，共${days}天`);
    }
    for (const m of [...parsed.value.previousYearMakeup, ...year.makeupWorkdays]) {
      io.out(
        `  ${m.date}（${WEEKDAY_NAMES[new Date(`${m.date}T00:00:00Z`).getUTCDay()]}）上班${m.forHoliday ? `（${m.forHoliday}调休）` : ''}`,
      );
    }
    if (values['dry-run']) {
      io.out('（试运行，未导入）');
      return 0;
    }
    const ws = openForCli(values['data-dir'], io);
    try {
      // No user is signed in at the CLI: the journal names the system as the actor.
      const result = importNotice(ws, text, null);
      const change = result.change;
      io.out(
        `已导入${result.year}年放假安排。${change ? `${change.movedCount} 件在办件的办结时限已重新计算：` : '没有在办件的办结时限因此改变。'}`,
      );
      for (const m of change?.moved ?? []) io.out(`  ${m.caseNumber} ${m.itemName}：${m.from ?? '无'} → ${m.to ?? '无'}`);
    } catch (error) {
      throw toCliError(error);
    } finally {
      ws.close();
    }
    return 0;
  },
};

export const commands: CliCommand[] = [addWorkdays, isWorkday, check, importCommand];
