/**
 * The input of the deadline engine: what the journal knows about one item case's clock.
 * The zod schemas let the API and the sync layer parse a clock from untrusted JSON; the engine
 * itself takes the inferred types.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';

const isoDate = z.string().refine(isIsoDate, { error: '日期应为 YYYY-MM-DD，如 2026-10-08' });

export const timeLimitSchema = z.object({
  value: z.number().int().min(0, { error: '时限不能为负数' }),
  unit: z.enum(['workday', 'natural-day']),
});

/**
 * 补正 (correction after acceptance) and 特别程序 (art. 45: hearing, tender, auction, inspection,
 * testing, quarantine, appraisal, expert review) stop the clock. `endedOn` is absent while open.
 */
export const clockPauseSchema = z.object({
  kind: z.enum(['correction', 'special-procedure']),
  startedOn: isoDate,
  endedOn: isoDate.optional(),
  /** E.g. '专家评审'; shown on the board. */
  note: z.string().optional(),
});

export const extensionSchema = z.object({
  workdays: z.number().int().min(1, { error: '延期至少 1 个工作日' }),
  reason: z.string().trim().min(1, { error: '延期须写明理由（行政许可法第四十二条）' }),
});

export const caseClockSchema = z.object({
  acceptedOn: isoDate,
  limit: timeLimitSchema,
  /** Civil-law convention is false: the acceptance day is not counted. */
  countAcceptanceDay: z.boolean().optional(),
  pauses: z.array(clockPauseSchema).optional(),
  extensions: z.array(extensionSchema).optional(),
  /** Statutory cap on the sum of extensions, e.g. 10 (art. 42) or 15 (art. 26 joint handling). */
  extensionCapWorkdays: z.number().int().min(0).optional(),
});

export const deadlineOptionsSchema = z.object({
  today: isoDate,
  /** 'Nearly due' when remaining working days ≤ this; configurable per centre (default 2). */
  yellowThresholdWorkdays: z.number().int().min(0).optional(),
});

export type TimeLimit = z.infer<typeof timeLimitSchema>;
export type ClockPause = z.infer<typeof clockPauseSchema>;
export type Extension = z.infer<typeof extensionSchema>;
export type CaseClock = z.infer<typeof caseClockSchema>;
export type DeadlineOptions = z.infer<typeof deadlineOptionsSchema>;

export type DeadlineLevel = 'normal' | 'yellow' | 'red' | 'paused';

export interface DeadlineStatus {
  dueDate: string;
  /**
   * True while a pause is open: the due date then assumes the clock restarts tomorrow, so the
   * board can still sort by it; it moves later every day the pause stays open.
   */
  provisional: boolean;
  /**
   * True when the count crosses a year whose holiday arrangement is not yet published, so the
   * due date rests on the statutory holidays alone: shown as 暂估, recomputed when the notice
   * arrives.
   */
  estimated: boolean;
  /** Sum of granted extensions (always working days, whatever the limit's unit). */
  extensionWorkdays: number;
  /** Counted working days from the start of the clock up to and including today. */
  elapsedWorkdays: number;
  /** Counted working days after today up to the due date; negative when overdue. */
  remainingWorkdays: number;
  /** Working days excluded by pauses up to and including today. */
  pausedWorkdays: number;
  level: DeadlineLevel;
  /** The pause that is open today, if any. */
  openPause?: ClockPause;
}
