/** Events of a stage application's stream (`application:<id>`): one form, one acceptance. */
import { z } from 'zod';
import { MaterialRef, Person, Sha256, defineEvent } from './common';

export const applicationEvents = [
  defineEvent(
    'application.accepted',
    1,
    z.object({
      applicationId: z.string(),
      projectId: z.string(),
      projectCode: z.string(),
      stage: z.number().int(),
      catalogVersion: z.string(),
      mode: z.enum(['accept', 'deficiency']),
      channel: z.string(),
      window: z.string(),
      applicant: Person,
      agent: Person.nullable(),
      items: z.array(z.object({ code: z.string(), name: z.string(), department: z.string() })),
      materials: z.array(MaterialRef),
      form: z.record(z.string(), z.unknown()),
      blobRefs: z.array(Sha256),
    }),
  ),
  defineEvent(
    'application.reuseRejected',
    1,
    z.object({
      applicationId: z.string(),
      reason: z.string(),
      materials: z.array(z.object({ code: z.string(), ref: z.string(), kind: z.string() })),
    }),
  ),
  // Full old and new values: the application's stream is the legal record of the correction.
  defineEvent(
    'application.partiesCorrected',
    1,
    z.object({
      applicationId: z.string(),
      reason: z.string(),
      changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string() })),
    }),
  ),
] as const;
