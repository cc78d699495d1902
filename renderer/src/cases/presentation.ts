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

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

/** Today as YYYY-MM-DD in the workstation's zone (Beijing time at the hall). */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addCalendarDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00`);
  d.setDate(d.getDate() + days);
  return todayIso(d);
}

/** `港澳居民来往内地通行证 H1*****78`: a number is never shown without its certificate type. */
export function certificateText(type: string | null | undefined, number: string | null | undefined): string {
  if (!number) return '—';
  return `${type ?? '居民身份证'} ${number}`;
}
