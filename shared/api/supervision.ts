import { z } from 'zod';
import { BOARD_LEVELS } from '../domain/lifecycle/supervision-level';
import { IsoDate, method } from './contract-kit';
import { CaseStatus } from './cases';

export const BoardLevel = z.enum(BOARD_LEVELS);

export const BoardRow = z.object({
  id: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  department: z.string(),
  projectName: z.string(),
  clerkId: z.string().nullable(),
  clerkName: z.string().nullable(),
  status: CaseStatus,
  acceptedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  /** The due date rests on a year whose holiday arrangement is not yet published (暂估). */
  dueEstimated: z.boolean().optional(),
  /** Working days after today up to the due date; negative when overdue; null when unknown. */
  remainingWorkdays: z.number().nullable(),
  level: BoardLevel,
});
export type BoardRow = z.infer<typeof BoardRow>;

export const BoardResult = z.object({
  today: IsoDate,
  counts: z.object({ normal: z.number(), yellow: z.number(), red: z.number(), paused: z.number(), unknown: z.number() }),
  total: z.number(),
  rows: z.array(BoardRow),
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type BoardResult = z.infer<typeof BoardResult>;

export const supervisionMethods = {
  'supervision.board': method({
    input: z
      .object({
        department: z.string().trim().min(1).max(64).optional(),
        clerkId: z.string().trim().min(1).max(64).optional(),
        level: BoardLevel.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        /** A jump to a page by position… */
        offset: z.number().int().min(0).max(1_000_000).optional(),
        /** …or the next page after the one that returned this `nextCursor` (keyset paging). */
        after: z.string().min(1).max(200).optional(),
      })
      .strict()
      .refine((q) => q.offset === undefined || q.after === undefined, {
        message: '翻页只能指定页码位置或上一页的位置之一',
        path: ['after'],
      }),
    output: BoardResult,
    access: 'user',
    summary: 'open cases by supervision level (electronic supervision), most urgent first',
  }),
};
