/**
 * Loads the holiday calendar from resources/calendar/holidays.json, optionally with newer files
 * (e.g. next year's calendar pulled from the platform) laid over it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/api/errors';
import {
  mergeHolidayCalendars,
  parseHolidayCalendar,
  WorkingDayCalendar,
  type HolidayCalendarData,
} from '../../shared/domain/calendar';

export const HOLIDAYS_FILE = join('calendar', 'holidays.json');

function moduleDirectory(): string | undefined {
  // A CommonJS bundle (esbuild) leaves import.meta.url empty; the caller then relies on the
  // environment variable or the working directory.
  const url: string | undefined = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : undefined;
}

function findUpwards(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'resources', 'calendar'))) return join(dir, 'resources');
    const parent = dirname(dir);
    if (parent === dir || dir === parsePath(dir).root) return undefined;
    dir = parent;
  }
}

/**
 * The resources folder: ONEWINDOW_RESOURCES if set (a packaged app points it at its resources),
 * else the first folder upwards from this module that holds resources/calendar.
 */
export function locateResources(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.ONEWINDOW_RESOURCES;
  if (configured !== undefined && configured !== '') return resolve(configured);
  const starts = [moduleDirectory(), process.cwd()].filter((d): d is string => d !== undefined);
  for (const start of starts) {
    const found = findUpwards(start);
    if (found) return found;
  }
  throw new AppError('NOT_FOUND', '找不到资源目录 resources/calendar。请检查安装是否完整，或设置环境变量 ONEWINDOW_RESOURCES 指向资源目录');
}

export function defaultHolidaysPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(locateResources(env), HOLIDAYS_FILE);
}

/** Reads and validates one holiday file; every problem is listed in the error's details. */
export function readHolidayCalendarFile(file: string): HolidayCalendarData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `找不到节假日日历文件 ${file}，请检查路径`);
    throw new AppError('INTERNAL', `无法读取节假日日历文件 ${file}（${String(code ?? error)}），请检查文件权限`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `节假日日历文件 ${file} 不是有效的 JSON（${(error as Error).message}），请重新获取该文件`);
  }
  const parsed = parseHolidayCalendar(json);
  if (!parsed.ok) {
    throw new AppError('VALIDATION', `节假日日历文件 ${file} 有 ${parsed.problems.length} 处错误，请修正后重新导入`, parsed.problems);
  }
  return parsed.value;
}

export interface LoadCalendarOptions {
  /** Replaces the built-in resources/calendar/holidays.json. */
  file?: string;
  /** Newer files laid over it in order; a year in a later file replaces the same year before. */
  updates?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export function loadHolidayCalendarData(options: LoadCalendarOptions = {}): HolidayCalendarData {
  let data = readHolidayCalendarFile(options.file ?? defaultHolidaysPath(options.env));
  for (const update of options.updates ?? []) data = mergeHolidayCalendars(data, readHolidayCalendarFile(update));
  return data;
}

export function loadWorkingDayCalendar(options: LoadCalendarOptions = {}): WorkingDayCalendar {
  return new WorkingDayCalendar(loadHolidayCalendarData(options));
}
