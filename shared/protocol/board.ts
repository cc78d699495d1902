import { z } from 'zod';

/**
 * Hall-wide supervision board and statistics (docs/platform-protocol.md section 9), for the
 * hall admin page and, signed, for leaders' windows (`GET /v1/board`, `GET /v1/statistics`).
 */

/** One case on the board. ID numbers and names never leave the hall in this list. */
export const boardRow = z.object({
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  projectCode: z.string().nullable(),
  itemName: z.string().nullable(),
  department: z.string().nullable(),
  window: z.string().nullable(),
  clerk: z.string().nullable(),
  status: z.string(),
  acceptedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type BoardRow = z.infer<typeof boardRow>;

/**
 * Keyset pagination: newest acceptance first; `after` is the opaque cursor of the last row of
 * the previous page, so any page costs the same as the first.
 */
export const boardQuery = z.object({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  department: z.string().max(60).optional(),
  status: z.string().max(30).optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;
export const boardPage = z.object({ rows: z.array(boardRow), next: z.string().nullable() });
export type BoardPage = z.infer<typeof boardPage>;

export const STAT_DIMENSIONS = ['department', 'item', 'window', 'clerk'] as const;
export const statDimension = z.enum(STAT_DIMENSIONS);
export type StatDimension = z.infer<typeof statDimension>;

export const statisticsQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  by: statDimension,
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

/**
 * One group's figures over cases accepted in [from, to]: on-time rate over completed cases,
 * one-visit rate over visits, 好差评 counts by level (1 非常不满意 … 5 非常满意).
 */
export const statisticsRow = z.object({
  key: z.string(),
  accepted: z.number().int(),
  completed: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  oneVisit: z.number().int(),
  oneVisitRate: z.number().nullable(),
  ratings: z.number().int(),
  good: z.number().int(),
  bad: z.number().int(),
  goodRate: z.number().nullable(),
});
export type StatisticsRow = z.infer<typeof statisticsRow>;
export const statisticsResult = z.object({ from: z.string(), to: z.string(), by: statDimension, rows: z.array(statisticsRow) });
export type StatisticsResult = z.infer<typeof statisticsResult>;
