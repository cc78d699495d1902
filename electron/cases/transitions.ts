/**
 * The lifecycle commands after acceptance (DOMAIN.md sections 5-6). Each is one transaction
 * through runOnCase; which command is lawful when is decided by shared/domain/lifecycle.
 */
import { randomUUID } from 'node:crypto';
import type { CorrectionItem, TransitionResult } from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import { checkNewExtension, deficiencyLapse } from '../../shared/domain/deadline';
import { statusAfterIssue } from '../../shared/domain/lifecycle';
import type { Actor } from './actor';
import { countsOf, deadlineOf, type MaterialRef } from './case-state';
import { PAUSE_NOTES, closeOpenPauses, openPause, runOnCase } from './transition';
import type { CaseHost } from './case-host';

function checkBlobs(host: CaseHost, refs: readonly string[]): void {
  const known = host.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  for (const sha of refs) {
    if (!known.get(sha)) throw new AppError('VALIDATION', '有材料文件尚未保存到本机（可能扫描中断），请重新扫描或上传该材料');
  }
}

export function requestCorrection(host: CaseHost, caseId: string, items: readonly CorrectionItem[], actor: Actor): TransitionResult {
  return runOnCase(host, caseId, 'requestCorrection', actor, (c, t) => {
    const codes = new Set<string>();
    for (const item of items) {
      if (codes.has(item.code)) throw new AppError('VALIDATION', `材料“${item.name}”列了两次：一次性告知应把同一材料的问题合并写明`);
      codes.add(item.code);
      if (item.dueBy <= t.today) throw new AppError('VALIDATION', `材料“${item.name}”的补正期限 ${item.dueBy} 应晚于今天`);
    }
    c.resumeStatus = c.status;
    c.status = 'correction';
    c.hadCorrection = true;
    openPause(c, { kind: 'correction', startedOn: t.today, note: PAUSE_NOTES.correction });
    c.record.correction = { receivedOn: c.acceptedOn, requestedOn: t.today, items: [...items], outstanding: [...codes], closedOn: null };
    return [{ type: 'case.correction-requested', payload: { requestedOn: t.today, items: [...items] } }];
  });
}

export function rejectCase(
  host: CaseHost,
  caseId: string,
  input: { reasons: string[]; legalBasis: string; remedies: { reconsiderationBody: string; court: string } },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'reject', actor, (c, t) => {
    closeOpenPauses(c, t.today);
    c.status = 'rejected';
    c.resumeStatus = null;
    c.completedAt = t.at;
    c.record.closure = { kind: 'rejected', reason: input.reasons.join('；'), at: t.at };
    return [{ type: 'case.rejected', payload: { reasons: input.reasons, legalBasis: input.legalBasis, remedies: input.remedies } }];
  });
}

export function supplementCase(
  host: CaseHost,
  caseId: string,
  materials: readonly {
    code: string;
    name: string;
    status: string;
    blobRefs: string[];
    ref?: string | undefined;
    originals?: number | undefined;
    copies?: number | undefined;
    pages?: number | undefined;
  }[],
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'supplement', actor, (c, t) => {
    const refs = [...new Set(materials.flatMap((m) => m.blobRefs))];
    checkBlobs(host, refs);
    const correction = c.status === 'correction' ? c.record.correction : undefined;
    const deficiency = c.deficiencyOpen ? c.record.deficiency : undefined;
    const outstanding = new Set([...(correction?.outstanding ?? []), ...(deficiency?.outstanding ?? [])]);
    for (const m of materials) {
      if (!outstanding.has(m.code)) throw new AppError('VALIDATION', `材料“${m.name}”不在待补清单中，请核对补正通知书或容缺受理通知书`);
    }
    const supplied = new Set(materials.map((m) => m.code));
    const closes: ('correction' | 'deficiency')[] = [];
    if (deficiency) {
      deficiency.outstanding = deficiency.outstanding.filter((code) => !supplied.has(code));
      if (deficiency.outstanding.length === 0) {
        if (c.deficiencyDueOn) {
          const lapse = deficiencyLapse(t.calendar, {
            supplementDueOn: c.deficiencyDueOn,
            suppliedOn: t.today,
            today: t.today,
            graceWorkdays: t.config.supervision.deficiencyGraceWorkdays,
          });
          if (lapse.state === 'returned') {
            throw new AppError(
              'ILLEGAL_TRANSITION',
              `容缺材料已超过宽限期（最迟 ${lapse.restoreBy} 补齐），本件应予退件；请执行到期检查后引导申请人重新申请`,
            );
          }
        }
        deficiency.suppliedOn = t.today;
        c.deficiencyOpen = false;
        closes.push('deficiency');
        if (c.status === 'deficiency') c.status = 'accepted';
        if (c.status === 'suspended') {
          closeOpenPauses(c, t.today, (p) => p.note === PAUSE_NOTES.suspension);
          c.status = c.resumeStatus === 'deficiency' || c.resumeStatus === null ? 'accepted' : c.resumeStatus;
          c.resumeStatus = null;
        }
      }
    }
    if (correction) {
      correction.outstanding = correction.outstanding.filter((code) => !supplied.has(code));
      if (correction.outstanding.length === 0) {
        correction.closedOn = t.today;
        closeOpenPauses(c, t.today, (p) => p.note === PAUSE_NOTES.correction);
        const back = c.resumeStatus ?? 'accepted';
        c.status = back === 'deficiency' && !c.deficiencyOpen ? 'accepted' : back;
        c.resumeStatus = null;
        closes.push('correction');
      }
    }
    const refsOut: MaterialRef[] = materials.map((m) => ({
      code: m.code,
      name: m.name,
      status: m.status,
      blobRefs: m.blobRefs,
      ref: m.ref ?? null,
      ...countsOf(m),
    }));
    c.record.supplements.push({ on: t.today, materials: refsOut });
    const remaining = [
      ...(c.record.correction && c.record.correction.closedOn === null ? c.record.correction.outstanding : []),
      ...(c.deficiencyOpen ? (c.record.deficiency?.outstanding ?? []) : []),
    ];
    return [{ type: 'case.supplemented', payload: { suppliedOn: t.today, materials: refsOut, closes, remaining, blobRefs: refs } }];
  });
}

export function startSpecialProcedure(
  host: CaseHost,
  caseId: string,
  input: { kind: string; note?: string | undefined; expectedWorkdays?: number | undefined },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'startSpecialProcedure', actor, (c, t) => {
    c.resumeStatus = c.status;
    c.status = 'special-procedure';
    openPause(c, { kind: 'special-procedure', startedOn: t.today, note: input.kind });
    c.record.specialProcedures.push({
      kind: input.kind,
      startedOn: t.today,
      endedOn: null,
      note: input.note ?? null,
      expectedWorkdays: input.expectedWorkdays ?? null,
    });
    return [
      {
        type: 'case.special-procedure-started',
        payload: { kind: input.kind, startedOn: t.today, note: input.note ?? null, expectedWorkdays: input.expectedWorkdays ?? null },
      },
    ];
  });
}

export function endSpecialProcedure(
  host: CaseHost,
  caseId: string,
  input: { outcome?: string | undefined },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'endSpecialProcedure', actor, (c, t) => {
    const open = c.record.specialProcedures.find((p) => p.endedOn === null);
    if (open) open.endedOn = t.today;
    closeOpenPauses(c, t.today, (p) => p.kind === 'special-procedure');
    const back = c.resumeStatus ?? 'accepted';
    c.status = back === 'deficiency' && !c.deficiencyOpen ? 'accepted' : back;
    c.resumeStatus = null;
    return [
      { type: 'case.special-procedure-ended', payload: { kind: open?.kind ?? null, endedOn: t.today, outcome: input.outcome ?? null } },
    ];
  });
}

export function extendCase(host: CaseHost, caseId: string, input: { workdays: number; reason: string }, actor: Actor): TransitionResult {
  return runOnCase(host, caseId, 'extend', actor, (c, t) => {
    const extensions = c.clock.extensions ?? [];
    checkNewExtension(extensions, { workdays: input.workdays, reason: input.reason }, c.clock.extensionCapWorkdays ?? 10);
    c.clock.extensions = [...extensions, { workdays: input.workdays, reason: input.reason }];
    c.record.extensions.push({ workdays: input.workdays, reason: input.reason, approvedBy: actor.id, approvedOn: t.today });
    return [
      {
        type: 'case.extended',
        payload: { workdays: input.workdays, reason: input.reason, approver: actor.id, approverName: actor.displayName },
      },
    ];
  });
}

export function decideCase(
  host: CaseHost,
  caseId: string,
  input: { decision: 'approve' | 'deny'; opinion: string },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'decide', actor, (c, t) => {
    c.status = 'decided';
    c.decision = input.decision;
    c.record.decision = { decision: input.decision, opinion: input.opinion, decidedBy: actor.id, decidedAt: t.at };
    return [{ type: 'case.decided', payload: { decision: input.decision, opinion: input.opinion, department: c.department } }];
  });
}

export function signCase(host: CaseHost, caseId: string, input: { signatureId: string }, actor: Actor): TransitionResult {
  return runOnCase(host, caseId, 'sign', actor, (c, t) => {
    // A case is signed only by a real SM2 signature over its decision, made by this leader.
    const sig = host.db
      .prepare('SELECT case_ref AS caseRef, signer_user_id AS signer FROM signatures WHERE id = ?')
      .get(input.signatureId) as { caseRef: string; signer: string } | undefined;
    if (!sig || sig.caseRef !== c.id || sig.signer !== actor.id) {
      throw new AppError('VALIDATION', '签名记录不存在、不属于本办件或不是本人所签：请通过“领导签批”重新签名');
    }
    c.status = 'signed';
    c.signatureId = input.signatureId;
    c.record.signature = { signatureId: input.signatureId, signedBy: actor.id, signedAt: t.at };
    return [{ type: 'case.signed', payload: { signatureId: input.signatureId, decision: c.decision } }];
  });
}

export function issueCase(
  host: CaseHost,
  caseId: string,
  input: { documentNumber?: string | undefined; elicenceId?: string | undefined; validUntil?: string | undefined },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'issue', actor, (c, t) => {
    const deadline = deadlineOf(t.calendar, c.clock, t.today, t.config.supervision);
    c.dueOn = deadline.known ? deadline.status.dueDate : null;
    c.onTime = c.dueOn === null ? null : t.today <= c.dueOn;
    c.handlingWorkdays = deadline.known ? deadline.status.elapsedWorkdays : null;
    c.status = statusAfterIssue(c.decision);
    c.completedAt = t.at;
    c.completedOn = t.today;
    c.record.issuance = {
      issuedAt: t.at,
      documentNumber: input.documentNumber ?? null,
      elicenceId: input.elicenceId ?? null,
      validUntil: input.validUntil ?? null,
    };
    return [
      {
        type: 'case.issued',
        payload: {
          decision: c.decision,
          completedOn: t.today,
          onTime: c.onTime,
          documentNumber: input.documentNumber ?? null,
          elicenceId: input.elicenceId ?? null,
          validUntil: input.validUntil ?? null,
        },
      },
    ];
  });
}

export function withdrawCase(host: CaseHost, caseId: string, input: { reason: string }, actor: Actor): TransitionResult {
  return runOnCase(host, caseId, 'withdraw', actor, (c, t) => {
    closeOpenPauses(c, t.today);
    c.status = 'withdrawn';
    c.resumeStatus = null;
    c.completedAt = t.at;
    c.record.closure = { kind: 'withdrawn', reason: input.reason, at: t.at };
    return [{ type: 'case.withdrawn', payload: { reason: input.reason } }];
  });
}

export function recordFee(
  host: CaseHost,
  caseId: string,
  input: { amountFen: number; basis: string; paymentRef: string },
  actor: Actor,
): TransitionResult {
  return runOnCase(host, caseId, 'recordFee', actor, (c, t) => {
    const duplicate = host.db.prepare('SELECT 1 FROM case_fees WHERE case_id = ? AND payment_ref = ?').get(c.id, input.paymentRef);
    if (duplicate) throw new AppError('CONFLICT', `缴款凭证 ${input.paymentRef} 已经登记过，请勿重复登记`);
    const id = randomUUID();
    host.db
      .prepare('INSERT INTO case_fees (id, case_id, amount_fen, basis, payment_ref, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, c.id, input.amountFen, input.basis, input.paymentRef, t.at, actor.id);
    return [
      { type: 'case.fee-recorded', payload: { feeId: id, amountFen: input.amountFen, basis: input.basis, paymentRef: input.paymentRef } },
    ];
  });
}
