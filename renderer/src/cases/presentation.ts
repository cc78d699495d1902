import { addNaturalDays } from '../../../shared/domain/calendar/dates';
import { shanghaiDate, shanghaiDateTime } from '../../../shared/domain/time';
import { workstationNow } from '../app/workstation-clock';
import type { BoardLevel } from '../../../shared/domain/lifecycle/supervision-level';
import type { CaseStatus } from '../../../shared/api/cases';

/** Electronic supervision colours: the same meaning on the case page and the board. */
export const LEVEL_STYLE: Record<BoardLevel, { color: string; text: string; row: string }> = {
  normal: { color: 'green', text: '正常', row: '' },
  yellow: { color: 'gold', text: '黄灯', row: 'ow-row-yellow' },
  red: { color: 'red', text: '红灯', row: 'ow-row-red' },
  paused: { color: 'default', text: '暂停', row: 'ow-row-paused' },
  unknown: { color: 'purple', text: '日历缺失', row: '' },
};

export const STATUS_COLOR: Partial<Record<CaseStatus, string>> = {
  accepted: 'blue',
  correction: 'orange',
  deficiency: 'orange',
  suspended: 'volcano',
  'special-procedure': 'cyan',
  decided: 'geekblue',
  signed: 'purple',
  issued: 'green',
  rejected: 'red',
  denied: 'red',
  withdrawn: 'default',
  returned: 'default',
};

export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** Remaining working days in words a clerk reads at a glance. */
export function remainingText(days: number | null): string {
  if (days === null) return '—';
  if (days < 0) return `超期 ${-days} 个工作日`;
  if (days === 0) return '今日到期';
  return `剩 ${days} 个工作日`;
}

/** A timestamp as Beijing time, whatever the PC's zone. */
export function localDateTime(iso: string): string {
  return shanghaiDateTime(iso, { seconds: true });
}

/** Today as YYYY-MM-DD in Beijing time, on the workstation's clock. */
export function todayIso(now = workstationNow()): string {
  return shanghaiDate(now);
}

export function addCalendarDays(iso: string, days: number): string {
  return addNaturalDays(iso, days);
}

/** `港澳居民来往内地通行证 H1*****78`: a number is never shown without its certificate type. */
export function certificateText(type: string | null | undefined, number: string | null | undefined): string {
  if (!number) return '—';
  return `${type ?? '居民身份证'} ${number}`;
}
/** The 暂估 mark after a due date that rests on an unpublished holiday arrangement. */
export const ESTIMATED_HINT = '尚未公布该年放假安排，按法定节假日暂估；公布后自动重新计算';
