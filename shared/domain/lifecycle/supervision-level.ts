/**
 * The supervision board's level from what is stored per case, so 100,000 cases can be filtered
 * in SQL with the same rule the page shows. It agrees with computeDeadline's level for every
 * case whose clock is not paused today: remaining ≤ N working days after today exactly when the
 * due date falls before the (N+1)-th working day after today.
 */
export const BOARD_LEVELS = ['normal', 'yellow', 'red', 'paused', 'unknown'] as const;
export type BoardLevel = (typeof BOARD_LEVELS)[number];

export const BOARD_LEVEL_TEXT: Record<BoardLevel, string> = {
  normal: '正常',
  yellow: '临近到期',
  red: '已超期',
  paused: '暂停计时',
  unknown: '日历缺失',
};

export interface BoardLevelInput {
  paused: boolean;
  /** Null when the due date could not be computed (calendar missing for that year). */
  dueOn: string | null;
  today: string;
  /** First date that is no longer yellow: the (N+1)-th working day after today. */
  yellowBefore: string;
}

export function boardLevel(c: BoardLevelInput): BoardLevel {
  if (c.paused) return 'paused';
  if (c.dueOn === null) return 'unknown';
  if (c.dueOn < c.today) return 'red';
  if (c.dueOn < c.yellowBefore) return 'yellow';
  return 'normal';
}
