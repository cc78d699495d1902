import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyJournal } from '../../../electron/store/journal';
import { pdfText } from '../../fixtures/documents/pdf-tools';
import { acceptInput, ITEM_PERMIT, ITEM_PLAN, startLifecycleHost, type Accepted, type LifecycleHost } from './fixtures';

interface Detail {
  status: string;
  dueOn: string | null;
  deadline: { known: boolean; level?: string; remainingWorkdays?: number; pausedWorkdays?: number; dueDate?: string };
  correction: { outstanding: string[]; closedOn: string | null; notice: { state: string; noticeDueOn: string } | null } | null;
  deficiency: { outstanding: string[]; supplyBy: string; lapse: { state: string } | null } | null;
  history: { type: string; actor: string; summary: string }[];
  materials: { code: string; status: string }[];
  allowedActions: string[];
  applicant: { idNumberMasked: string };
  fees: { amountFen: number }[];
}

let t: LifecycleHost;
beforeEach(async () => {
  t = await startLifecycleHost();
});
afterEach(async () => {
  await t.close();
});

const get = (id: string) => t.ok<Detail>('clerk', 'cases.get', { id });

describe('acceptance', () => {
  it('creates the project, one application and one numbered case per item, journaled in order', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    expect(a.cases.map((c) => c.caseNumber)).toEqual(['W1-2026-000001', 'W1-2026-000002']);
    // Accepted Monday 2026-03-02, 7 working days, acceptance day not counted.
    expect(a.cases[0]!.dueOn).toBe('2026-03-11');
    const second = t.accepted<Accepted>(acceptInput({ items: [ITEM_PERMIT] }));
    expect(second.projectId).toBe(a.projectId);
    expect(second.cases[0]!.caseNumber).toBe('W1-2026-000003');
    const types = (t.ws.db.prepare('SELECT type FROM journal ORDER BY seq').all() as { type: string }[])
      .map((r) => r.type)
      .filter((x) => /^(project|application|case)\./.test(x));
    expect(types).toEqual([
      'project.registered',
      'application.accepted',
      'case.accepted',
      'case.accepted',
      'application.accepted',
      'case.accepted',
    ]);
    expect(verifyJournal(t.ws.db).ok).toBe(true);
  });

  it('refuses materials whose blobs are not stored, and 容缺 of a material the catalog does not allow', async () => {
    const missingBlob = t.accept(
      acceptInput({ materials: [{ code: 'M-APP', name: '申请表', status: 'collected', blobRefs: ['a'.repeat(64)] }] }),
    );
    expect(missingBlob.error?.code).toBe('VALIDATION');
    const notAllowed = t.accept(
      acceptInput({
        mode: 'deficiency',
        deficiency: { commitment: '承诺五日内补齐' },
        materials: [{ code: 'M-FIRE', name: '消防设计文件', status: 'deficiency', blobRefs: [] }],
      }),
    );
    expect(notAllowed.error?.code).toBe('VALIDATION');
    expect(notAllowed.error?.message).toContain('容缺材料清单');
    expect((t.ws.db.prepare('SELECT COUNT(*) AS n FROM item_cases').get() as { n: number }).n).toBe(0);
  });

  it('stores blob references in the journal payload for sync', async () => {
    const blob = t.ws.blobs.put(new TextEncoder().encode('%PDF-1.7 scan'), 'application/pdf');
    const a = t.accepted<Accepted>(
      acceptInput({ materials: [{ code: 'M-APP', name: '申请表', status: 'collected', blobRefs: [blob.sha256] }] }),
    );
    const row = t.ws.db
      .prepare("SELECT payload FROM journal WHERE stream = ? AND type = 'case.accepted'")
      .get(`case:${a.cases[0]!.id}`) as { payload: string };
    expect(JSON.parse(row.payload)).toMatchObject({ blobRefs: [blob.sha256], caseNumber: a.cases[0]!.caseNumber });
  });

  it('parks and reloads drafts, and acceptance removes its draft', async () => {
    const d = await t.ok<{ draftId: string }>('clerk', 'cases.saveDraft', { title: '文三路综合楼 规划许可', data: { step: 3 } });
    expect((await t.ok<{ data: unknown }>('clerk', 'cases.loadDraft', { draftId: d.draftId })).data).toEqual({ step: 3 });
    t.accepted(acceptInput({ draftId: d.draftId }));
    expect(await t.ok<unknown[]>('clerk', 'cases.listDrafts', {})).toEqual([]);
  });
});

describe('the lifecycle of one item case', () => {
  it('runs correction → supplement → decision → signature → fee → issuance, with the clock paused for the correction', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const permit = a.cases[1]!; // 5 working days, due 2026-03-09
    t.advanceDays(1); // Tue 03-03
    await t.ok('clerk', 'cases.requestCorrection', {
      caseId: permit.id,
      items: [
        { code: 'M-CONTRACT', name: '施工合同', problem: '缺少发包方盖章', form: '原件', dueBy: '2026-03-10' },
        { code: 'M-SAFETY', name: '安全生产许可证', problem: '已过有效期', form: '复印件', dueBy: '2026-03-10' },
      ],
    });
    let d = await get(permit.id);
    expect(d.status).toBe('correction');
    expect(d.deadline.level).toBe('paused');
    expect(d.correction?.notice).toMatchObject({ state: 'notified-in-time', noticeDueOn: '2026-03-09' });
    const second = await t.as('clerk', 'cases.requestCorrection', {
      caseId: permit.id,
      items: [{ code: 'M-X', name: '其他', problem: '缺', form: '原件', dueBy: '2026-03-20' }],
    });
    expect(second.error?.code).toBe('ILLEGAL_TRANSITION');
    expect((await t.as('reviewer', 'cases.decide', { caseId: permit.id, decision: 'approve', opinion: '同意' })).error?.code).toBe(
      'ILLEGAL_TRANSITION',
    );

    t.advanceDays(2); // Thu 03-05: one of two arrives
    await t.ok('clerk', 'cases.supplement', { caseId: permit.id, materials: [{ code: 'M-CONTRACT', name: '施工合同', blobRefs: [] }] });
    expect((await get(permit.id)).status).toBe('correction');
    t.advanceDays(1); // Fri 03-06: the rest
    await t.ok('clerk', 'cases.supplement', { caseId: permit.id, materials: [{ code: 'M-SAFETY', name: '安全生产许可证', blobRefs: [] }] });
    d = await get(permit.id);
    expect(d.status).toBe('accepted');
    // Paused 03-03..03-06 (start and end days excluded): 4 working days; 03-02+5 WD → 03-13.
    expect(d.dueOn).toBe('2026-03-13');
    expect(d.deadline.pausedWorkdays).toBe(4);

    await t.ok('reviewer', 'cases.decide', { caseId: permit.id, decision: 'approve', opinion: '材料齐全，符合条件，同意核发' });
    expect((await t.as('clerk', 'cases.issue', { caseId: permit.id })).error?.message).toContain('领导签发');
    expect((await t.as('clerk', 'cases.sign', { caseId: permit.id, signatureId: 'sig-1' })).error?.code).toBe('FORBIDDEN');
    // A signature id that names no real SM2 signature of this leader on this case is refused.
    expect((await t.as('leader', 'cases.sign', { caseId: permit.id, signatureId: 'sig-1' })).error?.message).toContain('签名记录不存在');
    await t.signed([permit.id]);
    await t.ok('clerk', 'cases.recordFee', { caseId: permit.id, amountFen: 12_050, basis: '浙价费〔2020〕1号', paymentRef: 'PAY-0001' });
    expect(
      (await t.as('clerk', 'cases.recordFee', { caseId: permit.id, amountFen: 100, basis: 'x', paymentRef: 'PAY-0001' })).error?.code,
    ).toBe('CONFLICT');
    expect(
      (await t.as('clerk', 'cases.recordFee', { caseId: a.cases[0]!.id, amountFen: 100, basis: 'x', paymentRef: 'P2' })).error?.message,
    ).toContain('不收费');
    await t.ok('clerk', 'cases.issue', { caseId: permit.id, documentNumber: '建施〔2026〕0012号' });
    d = await get(permit.id);
    expect(d.status).toBe('issued');
    expect(d.fees).toEqual([expect.objectContaining({ amountFen: 12_050 })]);
    expect(d.history.map((h) => h.type)).toEqual([
      'case.accepted',
      'case.correction-requested',
      'case.supplemented',
      'case.supplemented',
      'case.decided',
      'decision.signed',
      'case.signed',
      'case.fee-recorded',
      'case.issued',
    ]);
    expect(d.history[4]).toMatchObject({ actor: '赵审核', summary: '部门决定：准予许可' });
    expect(d.allowedActions).toEqual(['recordFee']);
    const row = t.ws.db.prepare('SELECT on_time, handling_workdays, completed_on FROM item_cases WHERE id = ?').get(permit.id);
    expect(row).toEqual({ on_time: 1, handling_workdays: 0, completed_on: '2026-03-06' });
    expect((await t.as('clerk', 'cases.supplement', { caseId: permit.id, materials: [{ code: 'M-SAFETY', name: 'x' }] })).error?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('excludes special procedures, caps extensions, and refuses to sign a rejected case', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const plan = a.cases[0]!; // due 03-11
    t.advanceDays(1);
    await t.ok('planReviewer', 'cases.startSpecialProcedure', { caseId: plan.id, kind: '专家评审', expectedWorkdays: 10 });
    expect(
      (await t.as('planReviewer', 'cases.decide', { caseId: plan.id, decision: 'approve', opinion: '同意' })).error?.message,
    ).toContain('特别程序');
    t.advanceDays(7); // Tue 03-10
    await t.ok('planReviewer', 'cases.endSpecialProcedure', { caseId: plan.id, outcome: '专家组同意' });
    let d = await get(plan.id);
    // Paused 03-03..03-10: 6 working days excluded → 03-11 + 6 WD = 03-19.
    expect(d.dueOn).toBe('2026-03-19');
    expect((await t.as('planReviewer', 'cases.extend', { caseId: plan.id, workdays: 5, reason: '情况复杂' })).error?.code).toBe(
      'FORBIDDEN',
    );
    await t.ok('planLeader', 'cases.extend', { caseId: plan.id, workdays: 6, reason: '需征求消防意见' });
    const over = await t.as('planLeader', 'cases.extend', { caseId: plan.id, workdays: 5, reason: '再次延期' });
    expect(over.error?.code).toBe('VALIDATION');
    expect(over.error?.message).toContain('最多还能延期 4 个工作日');
    d = await get(plan.id);
    expect(d.dueOn).toBe('2026-03-27');

    const permit = a.cases[1]!;
    await t.ok('clerk', 'cases.reject', {
      caseId: permit.id,
      reasons: ['申请事项不属于本机关职权范围'],
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
      remedies: { reconsiderationBody: '杭州市人民政府', court: '杭州市西湖区人民法院' },
    });
    // The 不予受理决定书 takes its reasons and remedies from the journaled case.rejected.
    const notice = await t.ok<{ pdfBase64: string }>('clerk', 'documents.render', { caseId: permit.id, template: 'rejection-notice' });
    const pdf = join(t.dir, 'rejection.pdf');
    writeFileSync(pdf, Buffer.from(notice.pdfBase64, 'base64'));
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    for (const v of ['申请事项不属于本机关职权范围', '第三十二条第一款第（二）项', '杭州市人民政府', '杭州市西湖区人民法院'])
      expect(text).toContain(v);
    const sign = await t.as('leader', 'cases.sign', { caseId: permit.id, signatureId: 's' });
    expect(sign.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(sign.error?.message).toContain('不予受理');
  });

  it('容缺: cannot issue before supplementing; suspended past the deadline; returned past the grace period', async () => {
    const input = acceptInput({
      items: [ITEM_PLAN, { ...ITEM_PERMIT, code: 'P2', deficiencyMaterials: ['M-TOPO'] }],
      materials: [
        { code: 'M-APP', name: '申请表', status: 'collected', blobRefs: [] },
        { code: 'M-TOPO', name: '地形图', status: 'deficiency', blobRefs: [] },
      ],
      mode: 'deficiency',
      deficiency: { commitment: '本单位承诺于期限内补齐地形图', supplyWithinWorkdays: 3 },
    });
    const a = t.accepted<Accepted>(input);
    const [plan, permit] = a.cases;
    expect(plan!.status).toBe('deficiency');
    expect((await get(plan!.id)).deficiency).toMatchObject({ supplyBy: '2026-03-05', outstanding: ['M-TOPO'] });
    const late = t.accept({ ...input, deficiency: { commitment: 'x', supplyBy: '2026-03-20' } });
    expect(late.error?.message).toContain('晚于承诺办结日期');

    await t.ok('planReviewer', 'cases.decide', { caseId: plan!.id, decision: 'approve', opinion: '同意' });
    await t.signed([plan!.id], 'planLeader');
    const early = await t.as('clerk', 'cases.issue', { caseId: plan!.id });
    expect(early.error?.message).toContain('容缺');
    await t.ok('clerk', 'cases.supplement', { caseId: plan!.id, materials: [{ code: 'M-TOPO', name: '地形图' }] });
    // The supplied material replaces the owed line: the case lists it once, as collected.
    expect((await get(plan!.id)).materials.filter((m) => m.code === 'M-TOPO').map((m) => m.status)).toEqual(['collected']);
    await t.ok('clerk', 'cases.issue', { caseId: plan!.id });

    t.advanceDays(4); // Fri 03-06: past 03-05
    let sweep = await t.ok<{ suspended: string[]; returned: string[] }>('clerk', 'cases.sweep', {});
    expect(sweep).toEqual({ suspended: [permit!.caseNumber], returned: [] });
    expect((await get(permit!.id)).deadline.level).toBe('paused');
    t.advanceDays(25); // 15 working days of grace after 03-05 end on 03-26
    sweep = await t.ok('clerk', 'cases.sweep', {});
    expect(sweep.returned).toEqual([permit!.caseNumber]);
    const d = await get(permit!.id);
    expect(d.status).toBe('returned');
    expect(d.history.map((h) => h.type)).toEqual(['case.accepted', 'case.suspended', 'case.returned']);
  });

  it('restores a suspended 容缺 case supplied within the grace period', async () => {
    const a = t.accepted<Accepted>(
      acceptInput({
        items: [ITEM_PLAN],
        materials: [{ code: 'M-TOPO', name: '地形图', status: 'deficiency', blobRefs: [] }],
        mode: 'deficiency',
        deficiency: { commitment: '承诺补齐', supplyBy: '2026-03-04' },
      }),
    );
    t.advanceDays(3);
    await t.ok('clerk', 'cases.sweep', {});
    expect((await get(a.cases[0]!.id)).status).toBe('suspended');
    t.advanceDays(1);
    await t.ok('clerk', 'cases.supplement', { caseId: a.cases[0]!.id, materials: [{ code: 'M-TOPO', name: '地形图' }] });
    const d = await get(a.cases[0]!.id);
    expect(d.status).toBe('accepted');
    expect(d.deficiency?.lapse?.state).toBe('restored');
  });
});

describe('case page, board and statistics', () => {
  it('opens a case by scanned number, reveals the ID number only with a journal event', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const byNumber = await t.ok<{ id: string; applicant: { idNumberMasked: string } }>('reviewer', 'cases.get', {
      caseNumber: a.cases[0]!.caseNumber,
    });
    expect(byNumber.id).toBe(a.cases[0]!.id);
    expect(byNumber.applicant.idNumberMasked).toBe('110105********002X');
    expect(JSON.stringify(byNumber)).not.toContain('11010519491231002X');
    // The plan case is 自然资源和规划's: its reviewer may see the number, the journal says who did.
    expect(await t.ok('planReviewer', 'cases.revealIdNumber', { caseId: a.cases[0]!.id })).toEqual({ idNumber: '11010519491231002X' });
    const h = (await get(a.cases[0]!.id)).history.at(-1);
    expect(h).toMatchObject({ type: 'case.id-number-revealed', actor: '孙审核' });
    expect((await t.as('clerk', 'cases.get', { caseNumber: 'W1-2026-999999' })).error?.code).toBe('NOT_FOUND');
  });

  it('puts cases on the board by level and filters by department and clerk', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    await t.ok('clerk', 'cases.requestCorrection', {
      caseId: a.cases[0]!.id,
      items: [{ code: 'M1', name: '图纸', problem: '缺页', form: '原件', dueBy: '2026-03-06' }],
    });
    t.advanceDays(3); // Thu 03-05: permit due 03-09 → 2 WD left → yellow (threshold 2)
    type Board = {
      counts: Record<string, number>;
      total: number;
      rows: { caseNumber: string; level: string; remainingWorkdays: number | null }[];
    };
    let b = await t.ok<Board>('clerk', 'supervision.board', {});
    expect(b.counts).toMatchObject({ paused: 1, yellow: 1, red: 0, normal: 0 });
    expect(b.rows.find((r) => r.caseNumber === a.cases[1]!.caseNumber)).toMatchObject({ level: 'yellow', remainingWorkdays: 2 });
    t.advanceDays(5); // Tue 03-10: overdue
    b = await t.ok<Board>('clerk', 'supervision.board', { level: 'red' });
    expect(b.rows).toEqual([expect.objectContaining({ caseNumber: a.cases[1]!.caseNumber, remainingWorkdays: -1 })]);
    expect((await t.ok<Board>('clerk', 'supervision.board', { department: '市自然资源和规划局' })).total).toBe(1);
    expect((await t.ok<Board>('clerk', 'supervision.board', { clerkId: 'nobody' })).total).toBe(0);
  });

  it('computes statistics and exports a workbook', async () => {
    const a = t.accepted<Accepted>(acceptInput());
    const permit = a.cases[1]!;
    await t.ok('reviewer', 'cases.decide', { caseId: permit.id, decision: 'deny', opinion: '不符合条件' });
    await t.signed([permit.id]);
    t.advanceDays(1);
    await t.ok('clerk', 'cases.issue', { caseId: permit.id });
    const visit = await t.ok<{ visitId: string }>('clerk', 'ratings.open', { caseNumbers: [permit.caseNumber] });
    await t.rpc('ratings.submit', { visitId: visit.visitId, level: 2, indicators: { overall: 2, efficiency: 1, level: 2, attitude: 1 } });
    type Stats = {
      groups: {
        key: string;
        accepted: number;
        completed: number;
        onTimeRate: number | null;
        oneVisitRate: number | null;
        ratings: number;
        satisfactionRate: number | null;
      }[];
      totals: { accepted: number; completed: number };
      daily: { date: string; accepted: number; completed: number }[];
    };
    const s = await t.ok<Stats>('leader', 'stats.summary', { from: '2026-03-01', to: '2026-03-31', groupBy: 'department' });
    expect(s.totals).toMatchObject({ accepted: 2, completed: 1 });
    expect(s.groups.find((g) => g.key === '市住房和城乡建设局')).toMatchObject({
      accepted: 1,
      completed: 1,
      onTimeRate: 1,
      oneVisitRate: 1,
      ratings: 1,
      satisfactionRate: 1,
    });
    expect(s.groups.find((g) => g.key === '市自然资源和规划局')).toMatchObject({ accepted: 1, completed: 0, onTimeRate: null });
    expect(s.daily).toHaveLength(31);
    expect(s.daily[1]).toEqual({ date: '2026-03-02', accepted: 2, completed: 0 });
    expect((await t.as('clerk', 'stats.summary', { from: '2026-03-01', to: '2026-03-31', groupBy: 'clerk' })).error?.code).toBe(
      'FORBIDDEN',
    );
    const x = await t.ok<{ filename: string; base64: string }>('leader', 'stats.export', {
      from: '2026-03-01',
      to: '2026-03-31',
      groupBy: 'item',
    });
    expect(x.filename).toMatch(/\.xlsx$/);
    expect(Buffer.from(x.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect((await t.as('leader', 'stats.summary', { from: '2026-03-31', to: '2026-03-01', groupBy: 'item' })).error?.code).toBe(
      'VALIDATION',
    );
  });
});

describe('好差评', () => {
  it('rates a visit once, hides the choice from the clerk, and opens a follow-up for a bad rating', async () => {
    const events: { event: string; payload: unknown }[] = [];
    t.ws.bus.subscribe((event, payload) => events.push({ event, payload }));
    const a = t.accepted<Accepted>(acceptInput());
    const numbers = a.cases.map((c) => c.caseNumber);
    const v = await t.ok<{ visitId: string; status: string }>('clerk', 'ratings.open', { caseNumbers: numbers });
    expect(v.status).toBe('pending');
    expect((await t.as('clerk', 'ratings.open', { caseNumbers: numbers })).error?.code).toBe('CONFLICT');
    expect(await t.ok('clerk', 'ratings.pending', {})).toEqual({ visit: { visitId: v.visitId, caseNumbers: numbers } });
    // The applicant display submits without the clerk's involvement.
    await t.rpc('session.logout', {});
    const submit = { visitId: v.visitId, level: 5, indicators: { overall: 5, efficiency: 4, level: 5, attitude: 5 }, comment: '等了很久' };
    expect((await t.rpc('ratings.submit', submit)).body.ok).toBe(true);
    expect((await t.rpc('ratings.submit', { ...submit, level: 1 })).body.error?.code).toBe('CONFLICT');
    expect((await t.rpc('ratings.submit', { ...submit, visitId: 'guessed' })).body.error?.code).toBe('NOT_FOUND');
    const status = await t.ok<Record<string, unknown>>('clerk', 'ratings.status', { visitId: v.visitId });
    expect(status).toEqual({ visitId: v.visitId, status: 'done', caseNumbers: numbers, openedAt: expect.any(String) });
    expect(JSON.stringify(events.filter((e) => e.event.startsWith('ratings.')))).not.toMatch(/"level"|等了很久/);
    const followUps = await t.ok<{ id: string; dueOn: string; level: number }[]>('leader', 'ratings.followUps', { status: 'open' });
    // Rated Mon 2026-03-02; 15 working days later.
    expect(followUps).toEqual([expect.objectContaining({ level: 5, dueOn: '2026-03-23' })]);
    await t.ok('leader', 'ratings.closeFollowUp', { followUpId: followUps[0]!.id, note: '已电话回访，致歉并优化取号流程' });
    const journal = t.ws.db.prepare('SELECT type FROM journal WHERE stream = ? ORDER BY seq').all(`rating:${v.visitId}`);
    expect(journal).toEqual([
      { type: 'rating.opened' },
      { type: 'rating.submitted' },
      { type: 'rating.follow-up-opened' },
      { type: 'rating.follow-up-closed' },
    ]);
    expect(verifyJournal(t.ws.db).ok).toBe(true);
  });
});
