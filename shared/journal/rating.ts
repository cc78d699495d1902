/** The applicant's evaluation of one visit (`rating:<visitId>`), and the follow-up of a bad one. */
import { z } from 'zod';
import { Day, defineEvent } from './common';

export const ratingEvents = [
  defineEvent('rating.opened', 1, z.object({ visitId: z.string(), channel: z.string(), caseNumbers: z.array(z.string()) })),
  defineEvent(
    'rating.submitted',
    1,
    z.object({
      visitId: z.string(),
      channel: z.string(),
      level: z.number().int(),
      levelLabel: z.string(),
      indicators: z.object({ overall: z.number(), efficiency: z.number(), level: z.number(), attitude: z.number() }),
      comment: z.string().nullable(),
      caseNumbers: z.array(z.string()),
    }),
  ),
  defineEvent('rating.follow-up-opened', 1, z.object({ visitId: z.string(), followUpId: z.string(), dueOn: Day.nullable() })),
  defineEvent('rating.cancelled', 1, z.object({ visitId: z.string() })),
  defineEvent('rating.follow-up-closed', 1, z.object({ visitId: z.string(), followUpId: z.string(), note: z.string() })),
] as const;
