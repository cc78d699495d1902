/**
 * The one civil time of the workstation: Asia/Shanghai (China Standard Time), whatever zone the
 * PC is set to (imaged machines are often UTC; a laptop may travel). Every civil date and time
 * shown, stored or counted — acceptance days, deadlines, card expiry, timestamps on documents —
 * comes from here, in the renderer as on the Node side.
 *
 * Asia/Shanghai has been UTC+8 with no daylight saving since 1991, so a fixed offset is exact
 * for every date a case can carry and needs no time-zone data (Chromium and Node without full
 * ICU agree). Never use Date's local getters (getDate, toLocaleString without timeZone): they
 * follow the PC.
 */
import { formatIsoDate, WEEKDAY_NAMES, type IsoDate } from '../calendar/dates';

export const SHANGHAI_ZONE = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type Instant = Date | number | string;

function msOf(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

export function shanghaiParts(at: Instant): ShanghaiParts {
  const shifted = new Date(msOf(at) + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The civil date in Shanghai, 'YYYY-MM-DD'; an unparsable instant gives ''. */
export function shanghaiDate(at: Instant): IsoDate {
  const ms = msOf(at);
  if (Number.isNaN(ms)) return '';
  return formatIsoDate(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:mm' (or with seconds), Shanghai time; an unparsable input comes back as is. */
export function shanghaiDateTime(at: Instant, options: { seconds?: boolean } = {}): string {
  const ms = msOf(at);
  if (Number.isNaN(ms)) return String(at);
  const p = shanghaiParts(ms);
  const time = `${pad(p.hour)}:${pad(p.minute)}${options.seconds ? `:${pad(p.second)}` : ''}`;
  return `${shanghaiDate(ms)} ${time}`;
}

/** 'HH:mm:ss', Shanghai time. */
export function shanghaiTime(at: Instant): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** '2026年12月28日 周一', for the applicant display and headings. */
export function shanghaiLongDate(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAY_NAMES[p.weekday]}`;
}

/** The instant of a Shanghai wall-clock time, e.g. for '2026-12-28T09:00' typed by a tester. */
export function instantOfShanghai(date: IsoDate, time = '00:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}
