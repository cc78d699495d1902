/**
 * Loads the holiday calendar from resources/calendar/holidays.json, optionally with newer files
 * (e.g. next year's calendar pulled from the platform) laid over it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import {
  mergeHolidayCalendars,
  parseHolidayCalendar,
  PROVISIONAL_FIRST_YEAR,
  PROVISIONAL_LAST_YEAR,
  WorkingDayCalendar,
  type HolidayCalendarData,
} from '../../shared/domain/calendar';
import { resourcesDir } from '../resources';

export const HOLIDAYS_FILE = join('calendar', 'holidays.json');

/** The resources folder (see electron/resources.ts). */
export function locateResources(env: NodeJS.ProcessEnv = process.env): string {
  return resourcesDir(env);
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
  /** Without provisional years a date in an unpublished year is UNKNOWN_DATE (for `calendar check`). */
  provisional?: boolean;
}

/** Every year without a published arrangement is derived (暂估) within this range. */
export const PRODUCT_PROVISIONAL_RANGE = { from: PROVISIONAL_FIRST_YEAR, to: PROVISIONAL_LAST_YEAR } as const;

/** The calendar the workstation runs on: published years, and provisional ones for the rest. */
export function workingDayCalendarOf(data: HolidayCalendarData, provisional = true): WorkingDayCalendar {
  return new WorkingDayCalendar(data, provisional ? { provisional: PRODUCT_PROVISIONAL_RANGE } : {});
}

export function loadHolidayCalendarData(options: LoadCalendarOptions = {}): HolidayCalendarData {
  let data = readHolidayCalendarFile(options.file ?? defaultHolidaysPath(options.env));
  for (const update of options.updates ?? []) data = mergeHolidayCalendars(data, readHolidayCalendarFile(update));
  return data;
}

export function loadWorkingDayCalendar(options: LoadCalendarOptions = {}): WorkingDayCalendar {
  return workingDayCalendarOf(loadHolidayCalendarData(options), options.provisional ?? true);
}
