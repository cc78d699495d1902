import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/dates';
import { IsoDate, method } from './contract-kit';

const Day = IsoDate.refine(isIsoDate, '日期不存在，请按 YYYY-MM-DD 填写');

export const StatsInput = z
  .object({ from: Day, to: Day, groupBy: z.enum(['department', 'item', 'clerk']) })
  .strict()
  .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 3 * 366 * 86_400_000, { message: '统计区间最长三年', path: ['to'] });
export type StatsInput = z.infer<typeof StatsInput>;

/** Rates are fractions 0..1, null when nothing was there to count. */
export const StatsFigures = z.object({
  accepted: z.number(),
  completed: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  averageHandlingWorkdays: z.number().nullable(),
  /** Completed without a 补正: the applicant came once (最多跑一次). */
  oneVisit: z.number(),
  oneVisitRate: z.number().nullable(),
  ratings: z.number(),
  /** 好评: 非常满意 or 满意. */
  satisfied: z.number(),
  satisfactionRate: z.number().nullable(),
});
export type StatsFigures = z.infer<typeof StatsFigures>;

export const StatsGroup = StatsFigures.extend({ key: z.string(), label: z.string() });
export type StatsGroup = z.infer<typeof StatsGroup>;

export const StatsSummary = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(['department', 'item', 'clerk']),
  groups: z.array(StatsGroup),
  totals: StatsFigures,
  daily: z.array(z.object({ date: IsoDate, accepted: z.number(), completed: z.number() })),
  /** Pre-acceptance records (issue 11) in the period: no case was opened for them. */
  preAcceptance: z.object({ oneTimeNotices: z.number(), rejections: z.number() }),
});
export type StatsSummary = z.infer<typeof StatsSummary>;

export const statsMethods = {
  'stats.summary': method({
    input: StatsInput,
    output: StatsSummary,
    access: ['reviewer', 'leader', 'admin'],
    summary: 'hall statistics over a period',
  }),
  'stats.export': method({
    input: StatsInput,
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
    access: ['reviewer', 'leader', 'admin'],
    summary: 'hall statistics as an .xlsx file',
  }),
};
