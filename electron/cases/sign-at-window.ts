/**
 * On-site leader signing at the clerk's window (issue 5). The clerk stays logged in; the
 * leader's authority comes from the step-up ticket the leader's own credential unlocked, so the
 * case transition is recorded with the leader as actor, not the clerk whose session carries it.
 *
 * The decision content is built here, from the stored case, rather than sent by the renderer:
 * what is signed must be what the case says, and the applicant's full ID number it contains
 * never has to travel to the screen.
 */
import type { TransitionResult } from '../../shared/api/cases';
import { AppError } from '../../shared/api/errors';
import type { UserView } from '../../shared/api/session';
import { checkIdNumber, checkUscc } from '../../shared/domain/identifiers';
import { assertAction } from '../../shared/domain/lifecycle';
import { DecisionContent } from '../../shared/domain/signing';
import { renderAndStore } from '../documents/case-documents';
import type { CaseDataHost } from '../documents/case-data';
import type { UserRepository } from '../session/users';
import type { SigningService } from '../signing/signing-service';
import type { Db } from '../store/database';
import type { Actor } from './actor';
import { factsOf, loadCase, type CaseState } from './case-state';
import { commandTime } from './case-host';
import { civilDateCst } from './case-time';
import { signCase } from './transitions';

/** 决定书文号: the same rule the decision document prints before signing (electron/documents/case-data refOf). */
export function decisionDocumentNumber(caseNumber: string, hallCode: string, today: string): string {
  return `${hallCode || '一窗'}〔${today.slice(0, 4)}〕${caseNumber}号`.slice(0, 40);
}

interface ProjectRow {
  code: string;
  name: string;
  builder_name: string | null;
  builder_uscc: string | null;
}

/** The decision as the leader signs it; the permit holder is the builder when it has a valid 信用代码. */
export function decisionContentOf(db: Db, c: CaseState, documentNumber: string): DecisionContent {
  const decision = c.record.decision;
  if (!decision) throw new AppError('ILLEGAL_TRANSITION', '部门尚未作出决定，领导不能签发；请先由审核人员作出决定');
  const project = db.prepare('SELECT code, name, builder_name, builder_uscc FROM projects WHERE id = ?').get(c.projectId) as
    ProjectRow | undefined;
  if (!project) throw new AppError('NOT_FOUND', '办件关联的项目不存在，请联系系统管理员');
  const uscc = project.builder_uscc ? checkUscc(project.builder_uscc) : null;
  const id = checkIdNumber(c.applicantIdNumber);
  const applicant =
    project.builder_name && uscc?.ok
      ? { name: project.builder_name, idKind: 'uscc' as const, idNumber: uscc.value }
      : id.ok
        ? { name: c.applicantName, idKind: 'id-card' as const, idNumber: id.value }
        : { name: c.applicantName, idKind: 'other' as const, idNumber: c.applicantIdNumber || '无' };
  const parsed = DecisionContent.safeParse({
    caseNumber: c.caseNumber,
    documentNumber,
    itemCode: c.itemCode,
    itemName: c.itemName,
    department: c.department,
    decision: decision.decision === 'approve' ? 'approve' : 'reject',
    opinion: decision.opinion.trim(),
    applicant,
    project: { code: project.code, name: project.name },
    decisionDate: civilDateCst(new Date(decision.decidedAt)),
  });
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      `办件 ${c.caseNumber} 的决定内容不完整，不能签署：${parsed.error.issues[0]?.message ?? '请核对办件信息'}`,
    );
  }
  return parsed.data;
}

/**
 * SHA-256 of the decision document. An approval is rendered as 准予行政许可决定书, a denial as
 * 不予行政许可决定书, and kept as a blob, so the paper printed later and the signed hash are the
 * same bytes.
 */
async function decisionDocumentSha256(ws: CaseDataHost, c: CaseState, content: DecisionContent): Promise<string> {
  return (await renderAndStore(ws, content.decision === 'approve' ? 'approval-decision' : 'denial-decision', c.id)).blob.sha256;
}

export interface SignAtWindowInput {
  ticket: string;
  caseIds: readonly string[];
  signatureImage?: string | undefined;
  confirmedEach: true;
}

export interface SignedAtWindow {
  caseId: string;
  caseNumber: string;
  signatureId: string;
  reference: string;
  result: TransitionResult;
}

/** What signing at the window uses: the case store, the users and the one signing service. */
export type SignAtWindowHost = CaseDataHost & { readonly users: UserRepository; readonly signing: SigningService };

/** Signs each decided case with the ticket's key, then records 签发 on each with the leader as actor. */
export async function signAtWindow(ws: SignAtWindowHost, input: SignAtWindowInput, clerk: UserView): Promise<SignedAtWindow[]> {
  const signing = ws.signing;
  // Check every case before any key is used, so a refused batch signs nothing.
  const cases = input.caseIds.map((id) => {
    const c = loadCase(ws.db, { id });
    assertAction(factsOf(c), 'sign');
    return c;
  });
  const { today } = commandTime(ws);
  const items = [];
  for (const c of cases) {
    const content = decisionContentOf(ws.db, c, decisionDocumentNumber(c.caseNumber, ws.config().hall.code, today));
    items.push({
      caseRef: c.id,
      content,
      documentSha256: await decisionDocumentSha256(ws, c, content),
      ...(input.signatureImage !== undefined ? { signatureImage: input.signatureImage } : {}),
    });
  }
  const signed = signing.sign({ ticket: input.ticket, items, confirmedEach: true }, clerk);
  return signed.map((s, i) => {
    const c = cases[i]!;
    const leader = ws.users.byId(s.record.signer.userId);
    if (!leader) throw new AppError('NOT_FOUND', '签名领导的账号已不存在，请联系系统管理员');
    const actor: Actor = { id: leader.id, displayName: leader.displayName, role: leader.role };
    const result = signCase(ws, c.id, { signatureId: s.signatureId }, actor);
    return { caseId: c.id, caseNumber: c.caseNumber, signatureId: s.signatureId, reference: s.reference, result };
  });
}
