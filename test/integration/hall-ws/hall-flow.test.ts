import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallStatusView, WorklistRow } from '../../../shared/api/hall';
import type { WindowAssignment } from '../../../shared/protocol/enrolment';
import { issueEnrolmentCode, revokeWindow } from '../../../hall/core/enrolment';
import { startHall, type HallServer } from '../../../hall/server';
import { openHallDatabase } from '../../../hall/store/open';
import type { Sql } from '../../../hall/store/sql';
import { ENGINES } from '../../../hall/test/helpers';
import { elicenceNumber, until } from './support';
import { projectHoldings } from '../../../electron/acceptance/project-record';
import { eLicencesForHolder } from '../../../electron/sync/feed';
import { verifyJournal } from '../../../electron/store/journal';
import { auditJournal } from '../../../electron/audit/verify';
import { ITEM_PERMIT, ITEM_PLAN, PROJECT, acceptInput, startLifecycleHost, type Accepted, type LifecycleHost } from '../lifecycle/fixtures';

const DEPARTMENT = ITEM_PLAN.department;
/** The e-licence the permit becomes (GB/T 36904 shape with its check character). */
const LICENCE_PAYLOAD = ['11100000', '37110000', '2026000001', '001'];
const LICENCE = elicenceNumber(LICENCE_PAYLOAD);

/**
 * 一窗受理、分类审批、统一出件 against the real hall server (hall/: PGlite in memory, and PostgreSQL when ONEWINDOW_TEST_PG names one): three real
 * workstations on their own data directories — counter A, the 自然资源和规划局 back office B,
 * issuing window C — and a second counter D for stage 2. Each enrols with a one-time code
 * through the contract, the relays and push channels run for real over loopback HTTP.
 */
describe.each(ENGINES)('the hall on $name: accept at A, decide and sign in the back office B, issue at C, reuse at D', (engine) => {
  let sql: Sql;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  let hall: HallServer;
  const ws: Record<'a' | 'b' | 'c' | 'd', LifecycleHost> = {} as never;
  let accepted: Accepted;
  let sha: string;

  async function enrol(t: LifecycleHost, a: WindowAssignment): Promise<HallStatusView> {
    const code = await issueEnrolmentCode(sql, a, new Date());
    const s = await t.ok<HallStatusView>('admin', 'hall.enrol', { url: hall.url, code });
    // The browser host's device starter does this on settings.changed; the in-process host has none.
    await t.ws.sync.apply(t.ws.config());
    return s;
  }

  beforeAll(async () => {
    const database = await engine.database();
    dropDatabase = database.drop;
    sql = await openHallDatabase(database.url);
    hall = await startHall({ sql, hall: { hallName: '日照市政务服务中心', hallCode: 'RZ' }, port: 0 });
    const [a, b, c, d] = await Promise.all([startLifecycleHost(), startLifecycleHost(), startLifecycleHost(), startLifecycleHost()]);
    Object.assign(ws, { a, b, c, d });
    await enrol(ws.a, { windowName: '3号窗口', role: 'counter', department: null });
    await enrol(ws.b, { windowName: '规划局后台', role: 'back-office', department: DEPARTMENT });
    await enrol(ws.c, { windowName: '统一出件窗口', role: 'issuing', department: null });
    await enrol(ws.d, { windowName: '12号窗口', role: 'counter', department: null });
  }, 180_000);

  afterAll(async () => {
    for (const t of Object.values(ws)) {
      await t.ws.sync.stop();
      await t.close();
    }
    await hall?.close();
    await sql?.close();
    await dropDatabase();
  });

  it('enrolment stores the role the hall gave each window', async () => {
    const b = await ws.b.ok<HallStatusView>('planReviewer', 'hall.status', {});
    expect(b).toMatchObject({
      enrolled: true,
      role: 'back-office',
      department: DEPARTMENT,
      windowName: '规划局后台',
      hallName: '日照市政务服务中心',
      revoked: null,
    });
    expect((await ws.c.ok<HallStatusView>('clerk', 'hall.status', {})).role).toBe('issuing');
    // Every window listens on the hall's push channel: routed work is pulled when the hall says so,
    // not at the relay's idle poll (60 s), which no wait in these tests is long enough to reach.
    for (const t of Object.values(ws))
      await until('push connected', async () =>
        (await t.ok<HallStatusView>('clerk', 'hall.status', {})).pushConnected ? true : undefined,
      );
    // "3号窗口" is window number 3 on A's notices and header.
    expect(ws.a.ws.config().window).toMatchObject({ number: '3', name: '3号窗口' });
    // The secret never reaches the renderer.
    expect(JSON.stringify(await ws.b.ok('admin', 'settings.get', {}))).not.toContain(ws.b.ws.config().platform.secret!);
  });

  it('a case accepted at A appears in the back office’s worklist, with the material A scanned', async () => {
    sha = ws.a.ws.blobs.put(new TextEncoder().encode('%PDF-1.4 规划许可申请表 scanned at window 3'), 'application/pdf').sha256;
    accepted = ws.a.accepted<Accepted>(
      acceptInput({
        items: [ITEM_PLAN],
        materials: [{ code: 'M-APP', name: '建设工程规划许可申请表', status: 'collected', blobRefs: [sha] }],
      }),
    );
    const caseId = accepted.cases[0]!.id;
    const row = await until('the routed case at B', async () => {
      const list = await ws.b.ok<WorklistRow[]>('planReviewer', 'hall.worklist', { open: true });
      return list.find((r) => r.caseId === caseId && r.status !== null);
    });
    expect(row).toMatchObject({ reason: 'review', caseNumber: accepted.cases[0]!.caseNumber, department: DEPARTMENT, status: 'accepted' });
    const c = await ws.b.ok<{ applicantName: string; status: string }>('planReviewer', 'cases.get', { id: caseId });
    expect(c.status).toBe('accepted');
    // The scan came with it, byte for byte (fetched from the hall, checked against its hash).
    await until('the scan at B', () => (ws.b.ws.blobs.info(sha) ? true : undefined));
    expect(new TextDecoder().decode(ws.b.ws.blobs.get(sha))).toContain('scanned at window 3');
  });

  it('B decides and its leader signs; the signed case reaches the issuing window C and flows back to A', async () => {
    const caseId = accepted.cases[0]!.id;
    await ws.b.ok('planReviewer', 'cases.decide', { caseId, decision: 'approve', opinion: '符合规划条件，同意' });
    await ws.b.signed([caseId], 'planLeader');
    expect(verifyJournal(ws.b.ws.db).ok).toBe(true);
    const atC = await until('the case ready for 出件 at C', async () => {
      const list = await ws.c.ok<WorklistRow[]>('clerk', 'hall.worklist', { open: true });
      return list.find((r) => r.caseId === caseId && r.status === 'signed');
    });
    expect(atC.reason).toBe('issue');
    await until('the decision back at A', async () => {
      const c = await ws.a.ok<{ status: string }>('clerk', 'cases.get', { id: caseId });
      return c.status === 'signed' ? c : undefined;
    });
  });

  it('the leader’s signature made in the back office verifies at the issuing window C and the accepting window A', async () => {
    const caseId = accepted.cases[0]!.id;
    const { id: signatureId } = ws.b.ws.db.prepare('SELECT id FROM signatures WHERE case_ref = ?').get(caseId) as { id: string };
    for (const t of [ws.c, ws.a]) {
      const v = await until('the signature verified with its window named', async () => {
        const r = await t.as('clerk', 'signing.verify', { signatureId });
        const result = r.result as { valid: boolean; hallWindow: string | null } | undefined;
        return result?.hallWindow === '规划局后台' ? result : undefined;
      });
      expect(v).toMatchObject({ valid: true, reason: null, registeredKey: false, hallWindow: '规划局后台' });
      // Their own leaders' signatures table is untouched: the copy lives apart.
      expect(t.ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get()).toEqual({ n: 0 });
    }
    // The issuing window prints the decision with the back office leader's signature, not as awaiting one.
    const decision = await ws.c.ok<{ pdfBase64: string }>('clerk', 'documents.render', { caseId, template: 'approval-decision' });
    const pdf = join(mkdtempSync(join(tmpdir(), 'hall-decision-')), 'decision.pdf');
    writeFileSync(pdf, Buffer.from(decision.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('签名值引用');
    expect(text).toContain('周局长');
    expect(text).not.toContain('待领导签批');
    // A's case history names who did what in the back office (not 其他窗口).
    const history = await until('window names in A’s history', async () => {
      const c = await ws.a.ok<{ history: { type: string; actor: string }[] }>('clerk', 'cases.get', { id: caseId });
      return c.history.find((h) => h.type === 'case.decided')?.actor === '规划局后台' ? c.history : undefined;
    });
    expect(history.find((h) => h.type === 'decision.signed')?.actor).toBe('规划局后台 · 周局长');
    expect(history.some((h) => h.actor === '其他窗口')).toBe(false);
    // audit verify stays green everywhere: replicas never enter a window's own journal.
    for (const t of [ws.a, ws.b, ws.c]) {
      const report = await auditJournal({ db: t.ws.db, dataDir: t.ws.dataDir, platform: t.ws.config().platform });
      expect(report.lines.filter((l) => l.startsWith('日志被改动'))).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it('C issues the result; nothing is parked anywhere', async () => {
    const caseId = accepted.cases[0]!.id;
    await ws.c.ok('clerk', 'cases.issue', { caseId, documentNumber: '建字第370000202600001号', elicenceId: LICENCE });
    expect((await ws.c.ok<{ status: string }>('clerk', 'cases.get', { id: caseId })).status).toBe('issued');
    for (const t of Object.values(ws)) {
      await until('the relay drained', () => {
        const s = t.ws.sync.status();
        return s.queued === 0 && s.sending === 0 ? s : undefined;
      });
      expect(t.ws.sync.status().parked).toBe(0);
    }
  });

  it('stage 2 at window D: looking the project up brings stage 1’s material and issued result from the hall', async () => {
    await ws.d.ok('clerk', 'acceptance.findProjects', { query: PROJECT.code });
    const pulled = await ws.d.ok<{ asked: boolean; cases: number; materials: number; problem: string | null }>(
      'clerk',
      'hall.pullProject',
      { projectCode: PROJECT.code },
    );
    expect(pulled).toMatchObject({ asked: true, problem: null });
    const project = ws.d.ws.db.prepare('SELECT id FROM projects WHERE code = ?').get(PROJECT.code) as { id: string } | undefined;
    expect(project).toBeDefined();
    const holdings = projectHoldings(ws.d.ws.db, project!.id, () => undefined);
    expect(holdings.map((h) => [h.holding.material, h.holding.kind])).toContainEqual(['M-APP', 'stage']);
    await until('the scan at D', () => (ws.d.ws.blobs.info(sha) ? true : undefined));
    const issued = ws.d.ws.db.prepare('SELECT status, record FROM item_cases WHERE id = ?').get(accepted.cases[0]!.id) as
      { status: string; record: string } | undefined;
    expect(issued?.status).toBe('issued');
    expect(JSON.parse(issued!.record).issuance.documentNumber).toBe('建字第370000202600001号');
    // The e-licence the result became is kept with the builder as holder, like the platform's library.
    expect(eLicencesForHolder(ws.d.ws.db, PROJECT.builderUscc).map((l) => l.identifier)).toContain(LICENCE);
  });

  it('A hands a case over to D: journaled at A, in D’s worklist, D works on it, A no longer holds it', async () => {
    const second = ws.a.accepted<Accepted>(acceptInput({ items: [ITEM_PERMIT], materials: [] }));
    const caseId = second.cases[0]!.id;
    const windows = await ws.a.ok<{ workstationId: string; windowName: string }[]>('clerk', 'hall.windows', {});
    const d = windows.find((w) => w.windowName === '12号窗口');
    expect(d).toBeDefined();
    // The hall must hold the case before it can be handed over: wait for A's relay.
    await until('the case at the hall', () => {
      const st = ws.a.ws.sync.caseState(`case:${caseId}`);
      return st.localEvents > 0 && st.sent === st.localEvents ? true : undefined;
    });
    await ws.a.ok('clerk', 'hall.handOver', { caseId, toWorkstation: d!.workstationId, note: '申请人改到12号窗口办理' });
    const journaled = ws.a.ws.db
      .prepare("SELECT payload FROM journal WHERE stream = ? AND type = 'case.handed-over'")
      .get(`case:${caseId}`) as { payload: string } | undefined;
    expect(JSON.parse(journaled!.payload)).toMatchObject({ toWorkstation: d!.workstationId, note: '申请人改到12号窗口办理' });
    const row = await until('the hand-over at D', async () => {
      const list = await ws.d.ok<WorklistRow[]>('clerk', 'hall.worklist', { open: true });
      return list.find((r) => r.caseId === caseId && r.status !== null);
    });
    expect(row).toMatchObject({ reason: 'hand-over', note: '申请人改到12号窗口办理', status: 'accepted' });
    // The worklist names the window it came from as the hall does (kept for offline).
    await until('the sender named in D’s worklist', async () => {
      const list = await ws.d.ok<WorklistRow[]>('clerk', 'hall.worklist', { open: true });
      const r = list.find((x) => x.caseId === caseId);
      return r?.fromWindowName === '3号窗口' && r.acceptedByName === '3号窗口' ? r : undefined;
    });
    await ws.d.ok('clerk', 'cases.recordFee', { caseId, amountFen: 2000, basis: '工本费', paymentRef: 'JK-2026-0001' });
    await until('D drained', () => {
      const st = ws.d.ws.sync.caseState(`case:${caseId}`);
      return st.localEvents > 0 && st.sent === st.localEvents ? true : undefined;
    });
    expect(ws.d.ws.sync.status().parked).toBe(0);
    const again = await ws.a.as('clerk', 'hall.handOver', { caseId, toWorkstation: d!.workstationId, note: null });
    expect(again.error?.code).toBe('CONFLICT');
    expect(again.error?.message).toContain('不由本窗口持有');
  });

  it('the back office’s leader sees the hall-wide board and statistics; a counter is refused', async () => {
    const page = await ws.b.ok<{ rows: { caseNumber: string | null; department: string | null }[]; next: string | null }>(
      'planLeader',
      'hall.board',
      { limit: 50 },
    );
    expect(page.rows.map((r) => r.caseNumber)).toContain(accepted.cases[0]!.caseNumber);
    const today = new Date().toISOString().slice(0, 10);
    const stats = await ws.b.ok<{ rows: { key: string; accepted: number }[] }>('planLeader', 'hall.statistics', {
      from: '2026-01-01',
      to: today > '2026-12-31' ? today : '2026-12-31',
      by: 'department',
    });
    expect(stats.rows.find((r) => r.key === DEPARTMENT)?.accepted).toBeGreaterThanOrEqual(1);
    const refused = await ws.a.as('admin', 'hall.board', { limit: 10 });
    expect(refused.error?.code).toBe('FORBIDDEN');
  });

  it('a revoked window is told so in Chinese and keeps its work', async () => {
    const id = ws.d.ws.config().platform.workstationId!;
    await revokeWindow(sql, id, new Date());
    ws.d.ws.sync.wake();
    const s = await until('the revocation at D', async () => {
      const st = await ws.d.ok<HallStatusView>('clerk', 'hall.status', {});
      return st.revoked ? st : undefined;
    });
    expect(s.revoked).toContain('本工位已被大厅管理员停用');
    expect(ws.d.ws.sync.status().lastError?.message).toContain('重新登记');
  });
});
