/**
 * The item case's state machine (DOMAIN.md sections 5-7), pure so the renderer can show which
 * buttons apply and the Node side can refuse the same things authoritatively.
 *
 * A case's position is more than its status: a 容缺 case can be decided and signed while its
 * deficient materials are still outstanding, but not issued; so the rules read a few facts
 * beside the status.
 */
import { AppError } from '../../api/errors';
import type { Role } from '../../api/contract-kit';

export const CASE_STATUSES = [
  'draft',
  'accepted',
  'correction',
  'deficiency',
  'suspended',
  'special-procedure',
  'decided',
  'signed',
  'issued',
  'rejected',
  'denied',
  'withdrawn',
  'returned',
] as const;
export type LifecycleStatus = (typeof CASE_STATUSES)[number];

export const STATUS_TEXT: Record<LifecycleStatus, string> = {
  draft: '草稿',
  accepted: '已受理',
  correction: '补正中',
  deficiency: '容缺待补',
  suspended: '已中止',
  'special-procedure': '特别程序',
  decided: '已决定',
  signed: '已签发',
  issued: '已出件',
  rejected: '不予受理',
  denied: '不予许可',
  withdrawn: '已撤回',
  returned: '已退件',
};

/** Final states: nothing but reading (and, after issuance, fees already owed) happens here. */
export const CLOSED_STATUSES: readonly LifecycleStatus[] = ['issued', 'rejected', 'denied', 'withdrawn', 'returned'];
/** States the supervision board watches: accepted and not yet concluded. */
export const SUPERVISED_STATUSES: readonly LifecycleStatus[] = [
  'accepted',
  'correction',
  'deficiency',
  'suspended',
  'special-procedure',
  'decided',
  'signed',
];
/** Counted as 办结 in statistics. */
export const COMPLETED_STATUSES: readonly LifecycleStatus[] = ['issued', 'denied'];

export const CASE_ACTIONS = [
  'requestCorrection',
  'reject',
  'supplement',
  'startSpecialProcedure',
  'endSpecialProcedure',
  'extend',
  'decide',
  'sign',
  'issue',
  'withdraw',
  'recordFee',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_TEXT: Record<CaseAction, string> = {
  requestCorrection: '一次性告知补正',
  reject: '不予受理',
  supplement: '补齐材料',
  startSpecialProcedure: '开始特别程序',
  endSpecialProcedure: '结束特别程序',
  extend: '延期',
  decide: '部门决定',
  sign: '领导签发',
  issue: '出件',
  withdraw: '撤回',
  recordFee: '登记收费',
};

/**
 * Who may take each action; the contract's access rules are built from this table so the UI's
 * buttons and the dispatcher's refusals cannot disagree.
 */
export const ACTION_ROLES: Record<CaseAction, readonly Role[]> = {
  requestCorrection: ['clerk'],
  reject: ['clerk'],
  supplement: ['clerk'],
  startSpecialProcedure: ['clerk', 'reviewer', 'leader'],
  endSpecialProcedure: ['clerk', 'reviewer', 'leader'],
  extend: ['leader'],
  decide: ['reviewer', 'leader'],
  sign: ['leader'],
  issue: ['clerk'],
  withdraw: ['clerk'],
  recordFee: ['clerk'],
};

export interface CaseFacts {
  status: LifecycleStatus;
  /** 容缺 materials still missing. */
  deficiencyOpen: boolean;
  /** A 一次性告知 was already issued on this case (the law allows it once). */
  hadCorrection: boolean;
  feeAllowed: boolean;
  decision: 'approve' | 'deny' | null;
}

export type ActionCheck = { ok: true } | { ok: false; reason: string };

const OK: ActionCheck = { ok: true };
const no = (reason: string): ActionCheck => ({ ok: false, reason });

function closedReason(status: LifecycleStatus): string {
  return `办件已${STATUS_TEXT[status]}，已经结束，不能再办理；如需继续，请引导申请人重新申请`;
}

/** Whether `action` is lawful in this position, and if not, why and what to do instead. */
export function checkAction(facts: CaseFacts, action: CaseAction): ActionCheck {
  const s = facts.status;
  const now = `当前状态为“${STATUS_TEXT[s]}”`;
  if (s === 'draft') return no('草稿尚未受理，请先完成受理');
  const closed = CLOSED_STATUSES.includes(s);
  switch (action) {
    case 'requestCorrection':
      if (closed) return no(closedReason(s));
      if (facts.hadCorrection) return no('本件已经一次性告知过补正，依法不能再次要求补正；材料仍不符合要求的，请作出不予许可决定');
      if (s === 'accepted' || s === 'deficiency') return OK;
      return no(`${now}，只有已受理、尚未作出决定的办件才能要求补正`);
    case 'reject':
      if (closed) return no(closedReason(s));
      if (s === 'accepted' || s === 'correction') return OK;
      return no(`${now}，只有已受理或补正中的办件可以不予受理；已进入审查的请由部门作出不予许可决定`);
    case 'supplement':
      if (closed) return no(closedReason(s));
      if (s === 'correction' || facts.deficiencyOpen) return OK;
      return no(`${now}，本件没有待补的材料，无需补齐`);
    case 'startSpecialProcedure':
      if (closed) return no(closedReason(s));
      if (s === 'accepted' || s === 'deficiency') return OK;
      if (s === 'special-procedure') return no('本件已在特别程序中，请先结束当前特别程序');
      return no(`${now}，特别程序只能在受理后、作出决定前开始`);
    case 'endSpecialProcedure':
      if (s === 'special-procedure') return OK;
      return no(`${now}，本件没有进行中的特别程序`);
    case 'extend':
      if (closed) return no(closedReason(s));
      if (s === 'accepted' || s === 'deficiency' || s === 'special-procedure' || s === 'correction') return OK;
      return no(`${now}，作出决定后不能再延期`);
    case 'decide':
      if (closed) return no(closedReason(s));
      if (s === 'accepted' || s === 'deficiency') return OK;
      if (s === 'correction') return no('本件补正中，材料补齐后才能作出决定');
      if (s === 'special-procedure') return no('本件特别程序尚未结束，请先结束特别程序再作出决定');
      if (s === 'suspended') return no('本件因容缺材料逾期未补已中止，请先补齐材料');
      return no(`${now}，已经作出过决定，不能重复决定`);
    case 'sign':
      if (s === 'rejected' || s === 'withdrawn' || s === 'returned') return no(`${now}，已经结束的办件不能签发`);
      if (s === 'decided') return OK;
      if (s === 'signed' || s === 'issued' || s === 'denied') return no('本件决定已经签发，不能重复签发');
      return no(`${now}，部门尚未作出决定，领导不能签发；请先由审核人员作出决定`);
    case 'issue':
      if (closed) return no(closedReason(s));
      if (s !== 'signed') {
        return no(s === 'decided' ? '决定尚未经领导签发，不能出件；请先请领导签发' : `${now}，尚未作出并签发决定，不能出件`);
      }
      if (facts.deficiencyOpen) return no('容缺受理的材料尚未补齐，不能出件；请申请人先补齐材料');
      return OK;
    case 'withdraw':
      if (closed) return no(closedReason(s));
      return OK;
    case 'recordFee':
      if (!facts.feeAllowed) return no('该事项不收费，不能登记收费');
      if (s === 'rejected' || s === 'withdrawn' || s === 'returned') return no(`${now}，已结束且未办结的办件不能收费`);
      return OK;
  }
}

/** Throws ILLEGAL_TRANSITION with the reason when the action is not allowed. */
export function assertAction(facts: CaseFacts, action: CaseAction): void {
  const check = checkAction(facts, action);
  if (!check.ok) throw new AppError('ILLEGAL_TRANSITION', `不能${ACTION_TEXT[action]}：${check.reason}`);
}

/** Actions the state allows and, if given, the role may take: what the case page offers. */
export function allowedActions(facts: CaseFacts, role?: Role): CaseAction[] {
  return CASE_ACTIONS.filter((a) => checkAction(facts, a).ok && (role === undefined || ACTION_ROLES[a].includes(role)));
}

/** The status a signed case ends in once issued: a denial is delivered as 不予许可. */
export function statusAfterIssue(decision: 'approve' | 'deny' | null): LifecycleStatus {
  return decision === 'deny' ? 'denied' : 'issued';
}
