import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api';
import { MaterialSubmission } from '../../../shared/api/acceptance';

describe('documents and pre-acceptance contract', () => {
  it('documents.render takes exactly one source: a case, a visit or a pre-acceptance record', () => {
    const input = contract['documents.render'].input;
    expect(input.safeParse({ template: 'acceptance-notice', applicationId: 'a1' }).success).toBe(true);
    expect(input.safeParse({ template: 'correction-notice', preAcceptanceId: 'p1' }).success).toBe(true);
    const none = input.safeParse({ template: 'acceptance-notice' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe('请指定一个办件、一次申请或一条受理前记录');
    expect(input.safeParse({ template: 'acceptance-notice', caseId: 'c1', applicationId: 'a1' }).success).toBe(false);
    expect(input.safeParse({ template: 'denial-decision', caseId: 'c1', extra: 1 }).success).toBe(false);
  });

  it('a defective material needs what is wrong; a missing one does not', () => {
    const input = contract['acceptance.preAcceptance.notify'].input;
    const base = { stage: 1, itemCodes: ['00017200400101'], values: {} };
    expect(input.safeParse({ ...base, deficiencies: [{ code: 'business-licence', kind: 'missing' }] }).success).toBe(true);
    const r = input.safeParse({ ...base, deficiencies: [{ code: 'business-licence', kind: 'defective' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('请写明该材料存在的问题');
    expect(input.safeParse({ ...base, deficiencies: [] }).error?.issues[0]?.message).toBe('请至少选择一份缺少或不符合要求的材料');
  });

  it('material counts at collection are whole numbers in range, and optional', () => {
    expect(MaterialSubmission.safeParse({ code: 'm1', originals: 1, copies: 2, pages: 14 }).success).toBe(true);
    expect(MaterialSubmission.safeParse({ code: 'm1' }).success).toBe(true);
    expect(MaterialSubmission.safeParse({ code: 'm1', pages: 0 }).error?.issues[0]?.message).toBe('页数至少为1');
    expect(MaterialSubmission.safeParse({ code: 'm1', copies: 1.5 }).success).toBe(false);
  });

  it('pre-acceptance records are recorded by clerks only, read by any user', () => {
    expect(contract['acceptance.preAcceptance.notify'].access).toEqual(['clerk']);
    expect(contract['acceptance.preAcceptance.reject'].access).toEqual(['clerk']);
    expect(contract['acceptance.preAcceptance.list'].access).toBe('user');
  });
});
