import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { allowedActions, assertAction, boardLevel, checkAction, statusAfterIssue, type CaseFacts } from '../../../shared/domain/lifecycle';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'accepted',
  deficiencyOpen: false,
  hadCorrection: false,
  feeAllowed: false,
  decision: null,
  ...over,
});

function refusal(f: CaseFacts, action: Parameters<typeof assertAction>[1]): AppError {
  try {
    assertAction(f, action);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${action} was allowed`);
}

describe('case state machine', () => {
  it('refuses issuing an unsigned decision, signing a rejected case, supplementing a closed case', () => {
    const unsigned = refusal(facts({ status: 'decided', decision: 'approve' }), 'issue');
    expect(unsigned.code).toBe('ILLEGAL_TRANSITION');
    expect(unsigned.message).toContain('请先请领导签发');
    expect(refusal(facts({ status: 'rejected' }), 'sign').message).toContain('当前状态为“不予受理”');
    expect(refusal(facts({ status: 'issued' }), 'supplement').message).toContain('已经结束');
  });

  it('lets a 容缺 case be decided and signed but not issued until supplied', () => {
    const f = facts({ status: 'deficiency', deficiencyOpen: true });
    expect(checkAction(f, 'decide').ok).toBe(true);
    expect(checkAction({ ...f, status: 'decided' }, 'sign').ok).toBe(true);
    expect(refusal({ ...f, status: 'signed' }, 'issue').message).toContain('容缺');
    expect(checkAction({ ...f, status: 'signed', deficiencyOpen: false }, 'issue').ok).toBe(true);
  });

  it('allows one 一次性告知 only, and no fee for an item without one', () => {
    expect(refusal(facts({ hadCorrection: true }), 'requestCorrection').message).toContain('一次性告知');
    expect(refusal(facts(), 'recordFee').message).toContain('不收费');
    expect(checkAction(facts({ feeAllowed: true, status: 'issued' }), 'recordFee').ok).toBe(true);
  });

  it('offers each role only its own actions', () => {
    expect(allowedActions(facts(), 'clerk')).toEqual(['requestCorrection', 'reject', 'startSpecialProcedure', 'withdraw']);
    expect(allowedActions(facts(), 'reviewer')).toEqual(['startSpecialProcedure', 'decide']);
    expect(allowedActions(facts({ status: 'decided', decision: 'deny' }), 'leader')).toEqual(['sign']);
    expect(allowedActions(facts({ status: 'withdrawn' }))).toEqual([]);
  });

  it('delivers a signed denial as 不予许可', () => {
    expect(statusAfterIssue('deny')).toBe('denied');
    expect(statusAfterIssue('approve')).toBe('issued');
  });
});

describe('board level', () => {
  const base = { today: '2026-03-05', yellowBefore: '2026-03-10', paused: false };
  it('is paused, unknown, red, yellow or normal from the stored facts', () => {
    expect(boardLevel({ ...base, paused: true, dueOn: '2026-03-01' })).toBe('paused');
    expect(boardLevel({ ...base, dueOn: null })).toBe('unknown');
    expect(boardLevel({ ...base, dueOn: '2026-03-04' })).toBe('red');
    expect(boardLevel({ ...base, dueOn: '2026-03-05' })).toBe('yellow');
    expect(boardLevel({ ...base, dueOn: '2026-03-09' })).toBe('yellow');
    expect(boardLevel({ ...base, dueOn: '2026-03-10' })).toBe('normal');
  });
});
