/**
 * One item case as the commands see it: the row's columns plus the lifecycle record, loaded
 * and saved inside the command's transaction. `saveCase` recomputes everything derived (due
 * date, paused and supervised flags) so no command can forget to.
 */
import { z } from 'zod';
import { CaseMaterial, type CaseStatus } from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { caseClockSchema, computeDeadline, type CaseClock, type DeadlineStatus } from '../../shared/domain/deadline';
import { CLOSED_STATUSES, type CaseFacts } from '../../shared/domain/lifecycle';
import type { Db } from '../store/database';

// Paper counts recorded at collection (issue 11) are absent in records from before.
const MaterialRef = CaseMaterial;

export const caseRecordSchema = z.object({
  correction: z
    .object({
      receivedOn: z.string(),
      requestedOn: z.string(),
      items: z.array(z.object({ code: z.string(), name: z.string(), problem: z.string(), form: z.string(), dueBy: z.string() })),
      outstanding: z.array(z.string()),
      closedOn: z.string().nullable(),
    })
    .optional(),
  deficiency: z
    .object({
      commitment: z.string(),
      supplyBy: z.string(),
      materials: z.array(z.object({ code: z.string(), name: z.string() })),
      outstanding: z.array(z.string()),
      suppliedOn: z.string().nullable(),
    })
    .optional(),
  specialProcedures: z
    .array(
      z.object({
        kind: z.string(),
        startedOn: z.string(),
        endedOn: z.string().nullable(),
        note: z.string().nullable(),
        expectedWorkdays: z.number().nullable(),
      }),
    )
    .default([]),
  extensions: z.array(z.object({ workdays: z.number(), reason: z.string(), approvedBy: z.string(), approvedOn: z.string() })).default([]),
  decision: z
    .object({ decision: z.enum(['approve', 'deny']), opinion: z.string(), decidedBy: z.string(), decidedAt: z.string() })
    .optional(),
  signature: z.object({ signatureId: z.string(), signedBy: z.string(), signedAt: z.string() }).optional(),
  issuance: z
    .object({
      issuedAt: z.string(),
      documentNumber: z.string().nullable(),
      elicenceId: z.string().nullable(),
      validUntil: z.string().nullable(),
    })
    .optional(),
  closure: z.object({ kind: z.enum(['rejected', 'withdrawn', 'returned']), reason: z.string(), at: z.string() }).optional(),
  supplements: z.array(z.object({ on: z.string(), materials: z.array(MaterialRef) })).default([]),
  statutoryUnit: z.enum(['workday', 'natural-day']).optional(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;
export type MaterialRef = z.infer<typeof MaterialRef>;

/** Counts recorded at collection travel with the material; unrecorded ones stay absent. */
export function countsOf(m: {
  originals?: number | undefined;
  copies?: number | undefined;
  pages?: number | undefined;
}): Pick<MaterialRef, 'originals' | 'copies' | 'pages'> {
  return {
    ...(m.originals !== undefined ? { originals: m.originals } : {}),
    ...(m.copies !== undefined ? { copies: m.copies } : {}),
    ...(m.pages !== undefined ? { pages: m.pages } : {}),
  };
}

interface CaseRow {
  id: string;
  case_number: string;
  application_id: string;
  project_id: string;
  item_code: string;
  item_name: string;
  department: string;
  status: CaseStatus;
  applicant_name: string;
  applicant_id_number: string;
  clerk_id: string | null;
  promised_value: number;
  promised_unit: 'workday' | 'natural-day';
  statutory_value: number | null;
  accepted_on: string | null;
  due_on: string | null;
  completed_at: string | null;
  clock: string;
  resume_status: CaseStatus | null;
  fee_allowed: number;
  deficiency_open: number;
  deficiency_due_on: string | null;
  had_correction: number;
  decision: 'approve' | 'deny' | null;
  signature_id: string | null;
  completed_on: string | null;
  on_time: number | null;
  handling_workdays: number | null;
  record: string;
}

export interface CaseState {
  id: string;
  caseNumber: string;
  applicationId: string;
  projectId: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: CaseStatus;
  applicantName: string;
  applicantIdNumber: string;
  clerkId: string | null;
  statutoryValue: number | null;
  acceptedOn: string;
  dueOn: string | null;
  completedAt: string | null;
  clock: CaseClock;
  /** Where a pause or suspension returns to. */
  resumeStatus: CaseStatus | null;
  feeAllowed: boolean;
  deficiencyOpen: boolean;
  deficiencyDueOn: string | null;
  hadCorrection: boolean;
  decision: 'approve' | 'deny' | null;
  signatureId: string | null;
  completedOn: string | null;
  onTime: boolean | null;
  handlingWorkdays: number | null;
  record: CaseRecord;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INTERNAL', `办件${what}数据已损坏，请运行 onewindow audit verify 并联系技术支持`);
  }
}

function toState(row: CaseRow): CaseState {
  const clock = caseClockSchema.safeParse(parseJson(row.clock, '时限'));
  const record = caseRecordSchema.safeParse(parseJson(row.record, '办理记录'));
  if (!clock.success || !record.success || row.accepted_on === null) {
    throw new AppError('INTERNAL', `办件 ${row.case_number} 的时限或办理记录数据已损坏，请运行 onewindow audit verify 并联系技术支持`);
  }
  return {
    id: row.id,
    caseNumber: row.case_number,
    applicationId: row.application_id,
    projectId: row.project_id,
    itemCode: row.item_code,
    itemName: row.item_name,
    department: row.department,
    status: row.status,
    applicantName: row.applicant_name,
    applicantIdNumber: row.applicant_id_number,
    clerkId: row.clerk_id,
    statutoryValue: row.statutory_value,
    acceptedOn: row.accepted_on,
    dueOn: row.due_on,
    completedAt: row.completed_at,
    clock: clock.data,
    resumeStatus: row.resume_status,
    feeAllowed: row.fee_allowed === 1,
    deficiencyOpen: row.deficiency_open === 1,
    deficiencyDueOn: row.deficiency_due_on,
    hadCorrection: row.had_correction === 1,
    decision: row.decision,
    signatureId: row.signature_id,
    completedOn: row.completed_on,
    onTime: row.on_time === null ? null : row.on_time === 1,
    handlingWorkdays: row.handling_workdays,
    record: record.data,
  };
}

export function findCase(db: Db, by: { id: string } | { caseNumber: string }): CaseState | undefined {
  const row = (
    'id' in by
      ? db.prepare('SELECT * FROM item_cases WHERE id = ?').get(by.id)
      : db.prepare('SELECT * FROM item_cases WHERE case_number = ?').get(by.caseNumber.trim())
  ) as CaseRow | undefined;
  return row && toState(row);
}

export function loadCase(db: Db, by: { id: string } | { caseNumber: string }): CaseState {
  const found = findCase(db, by);
  if (!found) throw new AppError('NOT_FOUND', '找不到该办件，请核对办件编号后重试');
  return found;
}

export function factsOf(c: CaseState): CaseFacts {
  return {
    status: c.status,
    deficiencyOpen: c.deficiencyOpen,
    hadCorrection: c.hadCorrection,
    feeAllowed: c.feeAllowed,
    decision: c.decision,
  };
}

export interface DeadlineSettings {
  yellowThresholdWorkdays: number;
}

/** The engine's answer, or why there is none (a year the holiday calendar does not know). */
export function deadlineOf(
  calendar: WorkingDayCalendar,
  clock: CaseClock,
  today: string,
  settings: DeadlineSettings,
): { known: true; status: DeadlineStatus } | { known: false; message: string } {
  try {
    return { known: true, status: computeDeadline(calendar, clock, { today, yellowThresholdWorkdays: settings.yellowThresholdWorkdays }) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNKNOWN_DATE') return { known: false, message: error.message };
    throw error;
  }
}

const PAUSED_STATUSES: readonly CaseStatus[] = ['correction', 'special-procedure', 'suspended'];

/** Writes every mutable column back; derived ones are recomputed here, never by the caller. */
export function saveCase(db: Db, c: CaseState, calendar: WorkingDayCalendar, today: string, at: string): void {
  const closed = CLOSED_STATUSES.includes(c.status);
  if (!closed) {
    const deadline = deadlineOf(calendar, c.clock, today, { yellowThresholdWorkdays: 0 });
    c.dueOn = deadline.known ? deadline.status.dueDate : null;
  }
  db.prepare(
    `UPDATE item_cases SET status = ?, due_on = ?, completed_at = ?, clock = ?, supervised = ?, paused = ?, resume_status = ?,
       deficiency_open = ?, deficiency_due_on = ?, had_correction = ?, decision = ?, signature_id = ?, completed_on = ?,
       on_time = ?, handling_workdays = ?, record = ?, updated_at = ? WHERE id = ?`,
  ).run(
    c.status,
    c.dueOn,
    c.completedAt,
    JSON.stringify(c.clock),
    closed ? 0 : 1,
    !closed && PAUSED_STATUSES.includes(c.status) ? 1 : 0,
    c.resumeStatus,
    c.deficiencyOpen ? 1 : 0,
    c.deficiencyDueOn,
    c.hadCorrection ? 1 : 0,
    c.decision,
    c.signatureId,
    c.completedOn,
    c.onTime === null ? null : c.onTime ? 1 : 0,
    c.handlingWorkdays,
    JSON.stringify(c.record),
    at,
    c.id,
  );
}
