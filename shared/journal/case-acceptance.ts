/** The events that open an item case (`case:<id>`) and correct who it belongs to. */
import { z } from 'zod';
import { Day, MaterialRef, Person, Sha256, TimeLimit, defineEvent } from './common';

export const caseAcceptanceEvents = [
  defineEvent(
    'case.accepted',
    1,
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      applicationId: z.string(),
      projectId: z.string(),
      projectCode: z.string(),
      // Since issue 13 (hall routing): a routed case names its project and parties itself.
      projectName: z.string().optional(),
      applicant: Person.optional(),
      agent: Person.nullable().optional(),
      itemCode: z.string(),
      itemName: z.string(),
      catalogVersion: z.string(),
      department: z.string(),
      channel: z.string(),
      acceptedOn: Day,
      promisedLimit: TimeLimit,
      statutoryLimit: TimeLimit,
      dueOn: Day.nullable(),
      feeAllowed: z.boolean(),
      // 容缺受理: the applicant's commitment and what is still to be supplied.
      deficiency: z
        .object({
          commitment: z.string(),
          supplyBy: Day,
          materials: z.array(z.object({ code: z.string(), name: z.string() })),
          outstanding: z.array(z.string()),
          suppliedOn: Day.nullable(),
        })
        .nullable(),
      materials: z.array(MaterialRef),
      blobRefs: z.array(Sha256),
    }),
  ),
  // Values as shown to every reader of the case: the ID number masked.
  defineEvent(
    'case.partiesCorrected',
    1,
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      applicationId: z.string(),
      reason: z.string(),
      changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    }),
  ),
  defineEvent('case.id-number-revealed', 1, z.object({ caseId: z.string(), caseNumber: z.string() })),
  // v2 adds caseId (v1 in upgrades.ts).
  defineEvent(
    'case.deadline-recomputed',
    2,
    z.object({ caseId: z.string(), caseNumber: z.string(), from: Day.nullable(), to: Day.nullable(), reason: z.string() }),
  ),
] as const;
