import { z } from 'zod';
import { IsoDate, Ok, method } from './contract-kit';

/** 政务服务“好差评” (国办发〔2019〕51号): five levels, 1 best. */
export const RATING_LEVELS = { 1: '非常满意', 2: '满意', 3: '基本满意', 4: '不满意', 5: '非常不满意' } as const;
/** 不满意 and 非常不满意 are 差评: each one gets a call-back and rectification. */
export const BAD_RATING_FROM = 4;
export const RATING_INDICATORS = { overall: '整体满意度', efficiency: '服务效率', level: '服务水平', attitude: '服务态度' } as const;

const Level = z.number().int().min(1, '评价等级应为1至5').max(5, '评价等级应为1至5');
const VisitId = z.string().trim().min(1, '缺少评价编号').max(64, '评价编号过长');

export const RatingVisitStatus = z.enum(['pending', 'done', 'cancelled']);

/** What the clerk's screen may know: whether the applicant has rated, never the choice. */
export const RatingStatusView = z.object({
  visitId: z.string(),
  status: RatingVisitStatus,
  caseNumbers: z.array(z.string()),
  openedAt: z.string(),
});

export const FollowUpView = z.object({
  id: z.string(),
  visitId: z.string(),
  caseNumbers: z.array(z.string()),
  level: z.number(),
  levelLabel: z.string(),
  comment: z.string().nullable(),
  dueOn: IsoDate.nullable(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const ratingsMethods = {
  'ratings.open': method({
    input: z.object({ caseNumbers: z.array(z.string().trim().min(4).max(40)).min(1, '请至少关联一个办件编号').max(20) }).strict(),
    output: RatingStatusView,
    access: ['clerk'],
    summary: 'ask the applicant to rate this visit on the applicant display',
  }),
  'ratings.pending': method({
    input: z.object({}).strict(),
    output: z.object({ visit: z.object({ visitId: z.string(), caseNumbers: z.array(z.string()) }).nullable() }),
    access: 'public',
    summary: 'the applicant display: is a rating prompt open?',
  }),
  'ratings.submit': method({
    input: z
      .object({
        visitId: VisitId,
        level: Level,
        indicators: z.object({ overall: Level, efficiency: Level, level: Level, attitude: Level }).strict(),
        comment: z.string().trim().max(500, '意见最多500字').optional(),
      })
      .strict(),
    output: Ok,
    // The applicant display submits without a login; only an open visit, once, is accepted.
    access: 'public',
    summary: 'the applicant’s rating of one visit',
  }),
  'ratings.status': method({
    input: z.object({ visitId: VisitId }).strict(),
    output: RatingStatusView,
    access: 'user',
    summary: 'whether the applicant has rated (not the choice)',
  }),
  'ratings.cancel': method({
    input: z.object({ visitId: VisitId }).strict(),
    output: RatingStatusView,
    access: ['clerk'],
    summary: 'the applicant left without rating',
  }),
  'ratings.followUps': method({
    input: z.object({ status: z.enum(['open', 'closed']).optional() }).strict(),
    output: z.array(FollowUpView),
    access: ['reviewer', 'leader', 'admin'],
    summary: 'bad ratings awaiting call-back and rectification',
  }),
  'ratings.closeFollowUp': method({
    input: z
      .object({ followUpId: z.string().trim().min(1).max(64), note: z.string().trim().min(1, '请写明回访和整改情况').max(1000) })
      .strict(),
    output: FollowUpView,
    access: ['reviewer', 'leader', 'admin'],
    summary: 'record the call-back and rectification of a bad rating',
  }),
};
