/**
 * Reviewers and leaders act only on their department's cases (issue 12). The list of methods is
 * taken from the contract itself: a new method that names a case and that a reviewer or leader can
 * call fails the first test until it is scoped (electron/cases/department-scope.ts) or exempted
 * with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type MethodName } from '../../../shared/api';
import { DEPARTMENT_SCOPED, EXEMPT } from '../../../electron/cases/department-scope';
import { decision } from '../../unit/signing/fixtures';
import {
  acceptInput,
  ITEM_PERMIT,
  ITEM_PLAN,
  startLifecycleHost,
  USERS,
  type Accepted,
  type LifecycleHost,
  type Who,
} from '../lifecycle/fixtures';

const CASE_KEYS = ['caseId', 'caseIds', 'caseRef', 'caseNumber', 'caseNumbers', 'followUpId'];

function namesACase(method: MethodName): boolean {
  const schema = JSON.stringify(z.toJSONSchema(contract[method].input as z.ZodType, { unrepresentable: 'any', io: 'input' }));
  return CASE_KEYS.some((k) => schema.includes(`"${k}"`));
}

function reviewerOrLeaderMayCall(method: MethodName): boolean {
  const access = contract[method].access;
  return access === 'user' || (Array.isArray(access) && (access.includes('reviewer') || access.includes('leader')));
}

describe('the contract: every case method a reviewer or leader can call is scoped or exempted with a reason', () => {
  it('finds no unlisted method', () => {
    const methods = Object.keys(contract) as MethodName[];
    const unlisted = methods.filter((m) => reviewerOrLeaderMayCall(m) && namesACase(m) && !(m in DEPARTMENT_SCOPED) && !(m in EXEMPT));
    expect(unlisted).toEqual([]);
    for (const m of Object.keys(DEPARTMENT_SCOPED)) expect(methods, m).toContain(m);
    // The walk really sees the case-naming methods (a broken detector would pass the check above).
    expect(methods.filter(namesACase)).toEqual(
      expect.arrayContaining(['cases.decide', 'cases.signAtWindow', 'signing.sign', 'ratings.closeFollowUp', 'cases.get']),
    );
  });
});

describe('a reviewer or leader of another department is refused by every scoped method', () => {
  let t: LifecycleHost;
  let plan: Accepted['cases'][number];
  let permit: Accepted['cases'][number];
  let followUpId: string;
  beforeAll(async () => {
    t = await startLifecycleHost();
    const a = t.accepted<Accepted>(acceptInput({ items: [ITEM_PLAN, ITEM_PERMIT] }));
    [plan, permit] = a.cases as [typeof plan, typeof permit];
    // A bad rating of a visit about the plan case only: its follow-up belongs to 自然资源和规划.
    const visit = await t.ok<{ visitId: string }>('clerk', 'ratings.open', { caseNumbers: [plan.caseNumber] });
    await t.rpc('session.logout', {});
    const rated = await t.rpc('ratings.submit', {
      visitId: visit.visitId,
      level: 5,
      indicators: { overall: 5, efficiency: 5, level: 5, attitude: 5 },
      comment: '等了很久',
    });
    expect(rated.body.ok).toBe(true);
    followUpId = (await t.ok<{ id: string }[]>('planLeader', 'ratings.followUps', { status: 'open' }))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const ticket = 'a'.repeat(64);
  const inputs = (): { [M in keyof typeof DEPARTMENT_SCOPED]: Record<string, unknown> } => ({
    'cases.revealIdNumber': { caseId: plan.id },
    'cases.requestCorrection': { caseId: plan.id, items: [{ code: 'M', name: '图', problem: '缺', form: '原件', dueBy: '2026-04-01' }] },
    'cases.reject': {
      caseId: plan.id,
      reasons: ['不属于本部门'],
      legalBasis: '行政许可法第三十二条',
      remedies: { reconsiderationBody: '市人民政府', court: '市中级人民法院' },
    },
    'cases.supplement': { caseId: plan.id, materials: [{ code: 'M-TOPO', name: '地形图' }] },
    'cases.startSpecialProcedure': { caseId: plan.id, kind: '专家评审' },
    'cases.endSpecialProcedure': { caseId: plan.id },
    'cases.extend': { caseId: plan.id, workdays: 1, reason: '情况复杂' },
    'cases.decide': { caseId: plan.id, decision: 'approve', opinion: '同意' },
    'cases.sign': { caseId: plan.id, signatureId: 's' },
    'cases.signAtWindow': { ticket, caseIds: [plan.id], confirmedEach: true },
    'cases.issue': { caseId: plan.id },
    'cases.withdraw': { caseId: plan.id, reason: '撤回' },
    'cases.recordFee': { caseId: plan.id, amountFen: 100, basis: '工本费', paymentRef: 'P-1' },
    'cases.correctParties': { caseId: plan.id, applicantPhone: '13800138000', reason: '电话号码记错' },
    'signing.sign': {
      ticket,
      items: [{ caseRef: plan.id, content: decision({ department: ITEM_PLAN.department }), documentSha256: 'b'.repeat(64) }],
      confirmedEach: true,
    },
    'ratings.closeFollowUp': { followUpId, note: '已回访' },
    'hall.handOver': { caseId: plan.id, toWorkstation: 'ws-elsewhere', note: null },
  });

  for (const who of ['reviewer', 'leader'] as const) {
    it(`as the 住建 ${who}: each scoped method on a 自然资源和规划 case is FORBIDDEN, nothing changes`, async () => {
      const before = t.ws.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number };
      for (const [method, input] of Object.entries(inputs())) {
        const body = await t.as(who, method, input);
        expect(body.error?.code, `${method}: ${JSON.stringify(body.error)}`).toBe('FORBIDDEN');
        const access = contract[method as MethodName].access;
        const roleMayCall = access === 'user' || (Array.isArray(access) && access.includes(who));
        // Where the role may call the method at all, the department is what refuses it, and the message says whose case it is.
        if (roleMayCall) expect(body.error?.message, method).toContain(`由${ITEM_PLAN.department}承办`);
      }
      const after = t.ws.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number };
      expect(after.n).toBe(before.n);
    }, 120_000);
  }

  it('the leader whose ticket the clerk carries signs only that leader’s department', async () => {
    await t.ok('planReviewer', 'cases.decide', { caseId: plan.id, decision: 'approve', opinion: '同意' });
    const leader = t.ws.users.byUsername(USERS.leader.username)!;
    await t.ok('admin', 'signing.provisionKey', { userId: leader.id, credential: USERS.leader.password });
    const step = await t.ok<{ ticket: string }>('clerk', 'signing.authenticate', {
      username: USERS.leader.username,
      password: USERS.leader.password,
    });
    const body = await t.as('clerk', 'cases.signAtWindow', { ticket: step.ticket, caseIds: [plan.id], confirmedEach: true });
    expect(body.error?.code).toBe('FORBIDDEN');
    expect(body.error?.message).toContain(`签名领导${USERS.leader.displayName}`);
    expect(body.error?.message).toContain(ITEM_PLAN.department);
    // Their own department's case goes through: the scope refuses the foreign case, not the leader.
    await t.signed([plan.id], 'planLeader');
    expect((await t.ok<{ status: string }>('clerk', 'cases.get', { id: plan.id })).status).toBe('signed');
  }, 120_000);

  it('follow-ups are listed to the department whose case was rated', async () => {
    expect(await t.ok<unknown[]>('leader', 'ratings.followUps', { status: 'open' })).toEqual([]);
    expect(await t.ok<{ id: string }[]>('planLeader', 'ratings.followUps', { status: 'open' })).toEqual([
      expect.objectContaining({ id: followUpId }),
    ]);
    await t.ok('planReviewer', 'cases.decide', { caseId: permit.id, decision: 'approve', opinion: '同意' }).then(
      () => expect.unreachable('a 自然资源 reviewer decided a 住建 case'),
      (e: Error) => expect(e.message).toContain('FORBIDDEN'),
    );
  }, 120_000);
});

describe('reviewers and leaders need a catalog department', () => {
  let t: LifecycleHost;
  beforeAll(async () => {
    t = await startLifecycleHost();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });
  const who: Who = 'admin';
  it('refuses a leader without a department or with free text, and stores a code as the name', async () => {
    const base = { username: 'leader9', displayName: '吴局长', password: 'leader-pass-9', role: 'leader' };
    const none = await t.as(who, 'session.createUser', { ...base, department: null });
    expect(none.error).toMatchObject({ code: 'VALIDATION', message: '审核人员和部门领导须选择所属部门' });
    const free = await t.as(who, 'session.createUser', { ...base, department: '自然资源局' });
    expect(free.error?.message).toMatch(/不是事项目录中的部门.*市自然资源和规划局/);
    const byCode = await t.ok<{ id: string; department: string }>(who, 'session.createUser', { ...base, department: 'zrzy' });
    expect(byCode.department).toBe('市自然资源和规划局');
    const edited = await t.ok<{ department: string | null; role: string }>(who, 'session.updateUser', {
      userId: byCode.id,
      displayName: '吴局长',
      role: 'clerk',
      department: '市自然资源和规划局',
    });
    expect(edited).toMatchObject({ role: 'clerk', department: null });
    expect(
      (await t.as(who, 'session.updateUser', { userId: byCode.id, displayName: '吴局长', role: 'reviewer', department: null })).error?.code,
    ).toBe('VALIDATION');
    const journal = t.ws.db.prepare("SELECT actor, payload FROM journal WHERE type = 'user.updated'").all() as {
      actor: string;
      payload: string;
    }[];
    expect(journal).toHaveLength(1);
    expect(JSON.parse(journal[0]!.payload)).toMatchObject({ userId: byCode.id, changed: ['role', 'department'] });
  });
  it('a reset password replaces the old one; a disabled user cannot log in and is never deleted', async () => {
    const users = await t.ok<{ id: string; username: string }[]>(who, 'session.listUsers', {});
    const clerk = users.find((u) => u.username === USERS.clerk.username)!;
    await t.ok(who, 'session.resetPassword', { userId: clerk.id, newPassword: 'new-clerk-pass' });
    await t.rpc('session.logout', {});
    expect((await t.rpc('session.login', { username: USERS.clerk.username, password: USERS.clerk.password })).body.error?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.rpc('session.login', { username: USERS.clerk.username, password: 'new-clerk-pass' })).body.ok).toBe(true);
    await t.rpc('session.logout', {});
    await t.rpc('session.login', { username: 'admin', password: 'admin-pass-1' });
    await t.rpc('session.setUserDisabled', { userId: clerk.id, disabled: true });
    await t.rpc('session.logout', {});
    const refused = await t.rpc('session.login', { username: USERS.clerk.username, password: 'new-clerk-pass' });
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '该账号已停用，请联系系统管理员' });
    expect(t.ws.users.byId(clerk.id)).toMatchObject({ disabled: true });
  });
});
