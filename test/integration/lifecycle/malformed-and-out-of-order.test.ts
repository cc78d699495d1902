import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/store/journal';
import { contract } from '../../../shared/api';
import { acceptInput, startLifecycleHost, type Accepted, type LifecycleHost, type Who } from './fixtures';

let t: LifecycleHost;
beforeAll(async () => {
  t = await startLifecycleHost();
});
afterAll(async () => {
  await t.close();
});

const WHO: Record<string, Who> = {
  'cases.decide': 'reviewer',
  'cases.sign': 'leader',
  'cases.extend': 'leader',
  'stats.summary': 'leader',
  'stats.export': 'leader',
  'ratings.followUps': 'leader',
  'ratings.closeFollowUp': 'leader',
};
const who = (m: string): Who => WHO[m] ?? 'clerk';

const OURS = Object.keys(contract).filter((m) => /^(cases|supervision|stats|ratings)\./.test(m) && m !== 'cases.list');

describe('lifecycle methods through the browser host', () => {
  it('refuse malformed input with VALIDATION and a Chinese message, changing nothing', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const id = a.cases[0]!.id;
    const before = (t.ws.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
    const wrong: unknown[] = [
      42,
      'text',
      null,
      [id],
      { caseId: id, extra: 1 },
      { caseId: 7 },
      { caseId: '' },
      { caseId: id, amountFen: 1.5, basis: '依据', paymentRef: 'P' },
      { caseId: id, amountFen: -100, basis: '依据', paymentRef: 'P' },
      { caseId: id, decision: 'maybe', opinion: 'x' },
      { caseId: id, workdays: 0, reason: 'x' },
      { caseId: id, items: [] },
      { caseId: id, items: [{ code: 'M', name: '图', problem: '缺', form: '传真件', dueBy: '2026-02-30' }] },
      { caseId: id, kind: '算命' },
      { caseId: id, materials: [{ code: 'M', name: 'x', blobRefs: ['../../etc/passwd'] }] },
      { visitId: 'v', level: 6, indicators: { overall: 1, efficiency: 1, level: 1, attitude: 1 } },
      { from: '2026-13-01', to: '2026-01-01', groupBy: 'department' },
      { level: 'purple' },
    ];
    expect(OURS.length).toBeGreaterThan(25);
    for (const method of OURS) {
      for (const input of wrong) {
        const body = await t.as(who(method), method, input);
        // A few inputs are valid for some methods (e.g. { level: 'purple' } is not, but {} is).
        if (body.ok) continue;
        if (body.error?.code === 'VALIDATION') {
          expect(body.error.message, `${method} ${JSON.stringify(input)}`).toMatch(/[\u4e00-\u9fff]/);
          continue;
        }
        // Valid-shaped input may be refused by the rules instead; never an internal error.
        expect(
          ['NOT_FOUND', 'ILLEGAL_TRANSITION', 'CONFLICT', 'FORBIDDEN'],
          `${method} ${JSON.stringify(input)} → ${JSON.stringify(body.error)}`,
        ).toContain(body.error?.code);
      }
      for (const input of [42, 'text', [1], { unexpected: { deep: [1] } }]) {
        const body = await t.as(who(method), method, input);
        expect(body.error?.code, `${method} ${JSON.stringify(input)}`).toBe('VALIDATION');
      }
    }
    const changed = t.ws.db
      .prepare("SELECT COUNT(*) AS n FROM journal WHERE seq > ? AND type NOT LIKE 'session.%' AND type NOT LIKE 'user.%'")
      .get(before) as { n: number };
    expect(changed.n).toBe(0);
    expect((await t.ok<{ status: string }>('clerk', 'cases.get', { id })).status).toBe('accepted');
  });

  it('refuse out-of-order transitions with ILLEGAL_TRANSITION naming the state and the next step', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const id = a.cases[1]!.id;
    const refused = async (w: Who, method: string, input: Record<string, unknown>, text: string) => {
      const body = await t.as(w, method, { caseId: id, ...input });
      expect(body.error?.code, `${method}`).toBe('ILLEGAL_TRANSITION');
      expect(body.error?.message).toContain(text);
    };
    await refused('leader', 'cases.sign', { signatureId: 's' }, '请先由审核人员作出决定');
    await refused('clerk', 'cases.issue', {}, '尚未作出并签发决定');
    await refused('clerk', 'cases.endSpecialProcedure', {}, '没有进行中的特别程序');
    await refused('clerk', 'cases.supplement', { materials: [{ code: 'M', name: '图' }] }, '没有待补的材料');
    await t.ok('reviewer', 'cases.decide', { caseId: id, decision: 'approve', opinion: '同意' });
    await refused('reviewer', 'cases.decide', { decision: 'deny', opinion: '改主意' }, '不能重复决定');
    await refused('leader', 'cases.extend', { workdays: 1, reason: '晚了' }, '作出决定后不能再延期');
    await refused(
      'clerk',
      'cases.requestCorrection',
      { items: [{ code: 'M', name: '图', problem: '缺', form: '原件', dueBy: '2026-04-01' }] },
      '当前状态为“已决定”',
    );
    await t.ok('clerk', 'cases.withdraw', { caseId: id, reason: '申请人撤回' });
    await refused('leader', 'cases.sign', { signatureId: 's' }, '已经结束的办件不能签发');
    await refused('clerk', 'cases.withdraw', { reason: '再撤' }, '已撤回');
    const missing = await t.as('clerk', 'cases.withdraw', { caseId: 'no-such-case', reason: 'x' });
    expect(missing.error?.code).toBe('NOT_FOUND');
    expect(verifyJournal(t.ws.db).ok).toBe(true);
  });
});
