/**
 * The lifecycle commands after acceptance (electron/cases/transitions.ts, deficiency-sweep.ts).
 * runOnCase adds `caseId` and `caseNumber` to every payload; `withCase` says so once.
 */
import { z } from 'zod';
import { Day, Decision, MaterialRef, Sha256, defineEvent } from './common';

const CaseKey = { caseId: z.string(), caseNumber: z.string() };
function withCase<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...CaseKey, ...shape });
}

export const caseLifecycleEvents = [
  // Written by electron/hall when the holding window hands the case to another window of the hall.
  defineEvent('case.handed-over', 1, withCase({ handoverId: z.string(), toWorkstation: z.string(), note: z.string().nullable() })),
  defineEvent(
    'case.correction-requested',
    1,
    withCase({
      requestedOn: Day,
      items: z.array(z.object({ code: z.string(), name: z.string(), problem: z.string(), form: z.string(), dueBy: Day })),
    }),
  ),
  defineEvent(
    'case.rejected',
    1,
    withCase({
      reasons: z.array(z.string()),
      legalBasis: z.string(),
      remedies: z.object({ reconsiderationBody: z.string(), court: z.string() }),
    }),
  ),
  defineEvent(
    'case.supplemented',
    1,
    withCase({
      suppliedOn: Day,
      materials: z.array(MaterialRef),
      closes: z.array(z.enum(['correction', 'deficiency'])),
      remaining: z.array(z.string()),
      blobRefs: z.array(Sha256),
    }),
  ),
  defineEvent(
    'case.special-procedure-started',
    1,
    withCase({ kind: z.string(), startedOn: Day, note: z.string().nullable(), expectedWorkdays: z.number().nullable() }),
  ),
  defineEvent('case.special-procedure-ended', 1, withCase({ kind: z.string().nullable(), endedOn: Day, outcome: z.string().nullable() })),
  defineEvent('case.extended', 1, withCase({ workdays: z.number(), reason: z.string(), approver: z.string(), approverName: z.string() })),
  defineEvent('case.decided', 1, withCase({ decision: Decision, opinion: z.string(), department: z.string() })),
  defineEvent('case.signed', 1, withCase({ signatureId: z.string(), decision: Decision.nullable() })),
  defineEvent(
    'case.issued',
    1,
    withCase({
      decision: Decision.nullable(),
      completedOn: Day,
      onTime: z.boolean().nullable(),
      documentNumber: z.string().nullable(),
      elicenceId: z.string().nullable(),
      validUntil: z.string().nullable(),
    }),
  ),
  defineEvent('case.withdrawn', 1, withCase({ reason: z.string() })),
  defineEvent(
    'case.fee-recorded',
    1,
    withCase({ feeId: z.string(), amountFen: z.number().int(), basis: z.string(), paymentRef: z.string() }),
  ),
  // 容缺 lapse, moved by the system (actor null).
  defineEvent('case.suspended', 1, withCase({ reason: z.literal('deficiency-overdue'), supplyBy: Day, suspendedFrom: Day })),
  defineEvent('case.returned', 1, withCase({ reason: z.literal('deficiency-grace-expired'), supplyBy: Day, graceWorkdays: z.number() })),
] as const;

/** The types runOnCase appends; their payloads are written without caseId and caseNumber. */
export type CaseStepType = (typeof caseLifecycleEvents)[number]['type'];
