/**
 * `onewindow calendar ...`: lets IT check the working-day calendar behind every deadline.
 * Exit codes: 0 ok; 1 the calendar file is missing or broken; 2 bad arguments or a malformed
 * date; 3 the date is outside the years the calendar knows.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { isIsoDate, WorkingDayCalendar } from '../../shared/domain/calendar';
import { defaultHolidaysPath, loadWorkingDayCalendar, readHolidayCalendarFile } from '../calendar/load';
import { CliError, type CliCommand, type CliIo } from './command';

const EXIT_CALENDAR_FILE = 1;
const EXIT_USAGE = 2;
const EXIT_UNKNOWN_DATE = 3;

function parse(args: string[], usage: string) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { calendar: { type: 'string' } } });
  } catch (error) {
    throw new CliError(`参数有误：${(error as Error).message}。用法：${usage}`, EXIT_USAGE);
  }
}

function requireDate(text: string | undefined, usage: string): string {
  if (text === undefined) throw new CliError(`缺少日期。用法：${usage}`, EXIT_USAGE);
  if (!isIsoDate(text)) throw new CliError(`“${text}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-10-08`, EXIT_USAGE);
  return text;
}

function openCalendar(file: string | undefined, io: CliIo): WorkingDayCalendar {
  try {
    return loadWorkingDayCalendar(file === undefined ? { env: io.env } : { file, env: io.env });
  } catch (error) {
    throw toCliError(error);
  }
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

const addWorkdaysUsage = 'onewindow calendar add-workdays <YYYY-MM-DD> <n> [--calendar <file>]';
const isWorkdayUsage = 'onewindow calendar is-workday <YYYY-MM-DD> [--calendar <file>]';
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
    const calendar = openCalendar(values.calendar, io);
    try {
      io.out(calendar.addWorkdays(date, Number(countText)));
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
    const calendar = openCalendar(values.calendar, io);
    try {
      const day = calendar.classify(date);
      // An ordinary working day needs no reason; the others say why.
      io.out(day.kind === 'workday' ? 'workday' : `${day.workday ? 'workday' : 'holiday'} ${day.reason}`);
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

export const commands: CliCommand[] = [addWorkdays, isWorkday, check];
