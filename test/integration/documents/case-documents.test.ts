/**
 * Every document rendered from cases built through the acceptance flow (issue 11): the real
 * workstation store, the real catalog, real SM2 signing; each PDF read back with pdftotext,
 * mutool and zbarimg. What the form holds must appear; "—" must not stand where a value exists.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AcceptanceService } from '../../../electron/acceptance';
import { createDocumentCommands } from '../../../electron/cli/documents';
import { loadCaseDataFromStore } from '../../../electron/documents/cli-case-data';
import { PreAcceptanceRecords } from '../../../electron/acceptance/pre-acceptance';
import { caseDetail, decideCase, hallStatistics, issueCase } from '../../../electron/cases';
import { saveDraft } from '../../../electron/cases/drafts';
import { signAtWindow } from '../../../electron/cases/sign-at-window';
import { availableDocuments, MISSING_GLYPHS_EVENT, renderAndStore, type DocumentSource } from '../../../electron/documents/case-documents';
import type { TemplateName } from '../../../electron/documents';
import { toView } from '../../../electron/session/users';

import { openWorkstation, type Workstation } from '../../../electron/workstation';
import type { ChecklistLineView, ComposeResult, SubmitResult } from '../../../shared/api/acceptance';
import type { RenderedDocument } from '../../../shared/api/documents';
import { AppError } from '../../../shared/api/errors';
import { decodeBarcodes, mutoolDraw, pdfText, withTempDir, writePdf } from '../../fixtures/documents/pdf-tools';
import { ANSWERS, BUILDER_USCC, PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../../unit/acceptance/standard-project';

// Rendering, signing and reading PDFs back on a shared, loaded machine: generous, never asserted on.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const AGENT = '王䶮';
const PROJECT = '𠮷祥花园';
const LOCATION = ANSWERS['project.location'] as string;

let dir: string;
let ws: Workstation;
let svc: AcceptanceService;
let clerk: { id: string; displayName: string; role: 'clerk' };
const now = Date.parse('2026-03-02T09:00:00+08:00');

const squash = (s: string) => s.replace(/\s+/g, '');

let dumped = 0;

async function read(doc: RenderedDocument): Promise<{ text: string; code128: string[]; qr: string[]; fonts: string }> {
  // OW_DOCS_DUMP=<dir> keeps each PDF for looking at (pdftoppm -png -r 60).
  const dump = process.env['OW_DOCS_DUMP'];
  if (dump) writeFileSync(join(dump, `${String(++dumped).padStart(2, '0')}-${doc.title}.pdf`), Buffer.from(doc.pdfBase64, 'base64'));
  return withTempDir(async (d) => {
    const file = await writePdf(d, 'doc.pdf', Buffer.from(doc.pdfBase64, 'base64'));
    const { stderr } = await mutoolDraw(file);
    expect(stderr).not.toMatch(/error|glyph/i);
    const codes = await decodeBarcodes(file);
    const { execFileSync } = await import('node:child_process');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return { text: squash(await pdfText(file)), code128: codes.code128, qr: codes.qr, fonts };
  });
}

async function render(template: TemplateName, source: DocumentSource): Promise<RenderedDocument> {
  try {
    return await renderAndStore(ws, template, source, clerk.id);
  } catch (e) {
    // Field details name what the case data lacked: a failing render says which.
    if (e instanceof AppError && e.code === 'VALIDATION') throw new Error(`${e.message}: ${JSON.stringify(e.details)}`);
    throw e;
  }
}

function collectable(lines: ChecklistLineView[]): ChecklistLineView[] {
  return lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm);
}

/** Accepts a stage as the clerk would, recording original/copy counts and pages per material. */
function acceptStage(
  stage: number,
  opts: { mode?: 'accept' | 'deficiency'; skip?: (l: ChecklistLineView) => boolean } = {},
): SubmitResult & { composed: ComposeResult; lines: ChecklistLineView[] } {
  const composed = svc.compose({ stage, projectCode: PROJECT_CODE, ...SCOPE });
  const { values } = fillAsClerk(composed);
  const finalValues = { ...values, 'agent.name': AGENT, 'project.name': PROJECT } as Record<string, string>;
  const lines = svc.checklist({ stage, projectCode: PROJECT_CODE, ...SCOPE, values: finalValues, rejected: [] });
  const materials = collectable(lines)
    .filter((l) => !opts.skip?.(l))
    .map((l, i) => ({
      code: l.code,
      blobRefs: [
        svc.upload({ materialCode: l.code, fileName: `${l.code}.pdf`, mime: 'application/pdf', dataBase64: pdfBase64(l.code) }).sha256,
      ],
      originals: 1,
      copies: 2,
      pages: 11 + i,
    }));
  const mode = opts.mode ?? 'accept';
  const result = svc.submit(
    {
      stage,
      projectCode: PROJECT_CODE,
      ...SCOPE,
      catalogVersion: composed.catalogVersion,
      values: finalValues,
      materials,
      mode,
      ...(mode === 'deficiency' ? { deficiency: { commitment: '三个工作日内补交施工组织设计', supplyBy: '2026-03-04' } } : {}),
    },
    clerk,
  );
  return { ...result, composed, lines };
}

/** The leader made for each department, by username. */
const leaderOf = new Map<string, string>();

async function decideAndSign(result: SubmitResult, decision: 'approve' | 'deny', issue: boolean): Promise<void> {
  // Leaders sign only their own department's cases: one leader per department the visit reaches.
  const signing = ws.signing;
  const byDepartment = new Map<string, string[]>();
  for (const c of result.cases) {
    const { department } = ws.db.prepare('SELECT department FROM item_cases WHERE id = ?').get(c.id) as { department: string };
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), c.id]);
  }
  for (const c of result.cases)
    decideCase(
      ws,
      c.id,
      { decision, opinion: decision === 'approve' ? '符合条件，同意' : '施工图设计文件未经审查合格，不具备施工条件' },
      { id: 'u-rev', displayName: '孙审核', role: 'reviewer' },
    );
  for (const [department, caseIds] of byDepartment) {
    if (!leaderOf.has(department)) leaderOf.set(department, `leader${leaderOf.size + 1}`);
    const username = leaderOf.get(department)!;
    const credential = `${username}-pass`;
    const leader =
      ws.users.byUsername(username) ??
      (await ws.users.create({ username, displayName: '钱局长', password: credential, role: 'leader', department }, null));
    if (!signing.listKeys().some((k) => k.userId === leader.id)) await signing.provisionKey({ userId: leader.id, credential }, 'admin');
    const { ticket } = await signing.authenticate({ username, password: credential }, toView(ws.users.byUsername('clerk1')!));
    await signAtWindow(ws, { ticket, caseIds, confirmedEach: true }, toView(ws.users.byUsername('clerk1')!));
  }
  if (issue) for (const c of result.cases) issueCase(ws, c.id, { documentNumber: `ZS${c.caseNumber.replace(/[^0-9]/g, '')}` }, clerk);
}

let stage1: SubmitResult & { composed: ComposeResult; lines: ChecklistLineView[] };

beforeAll(async () => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-docs-'));
  ws = openWorkstation({ dataDir: join(dir, 'data'), hostKind: 'browser-host', now: () => new Date(now) });
  const user = await ws.users.create(
    { username: 'clerk1', displayName: '李窗口', password: 'clerk-pass-1', role: 'clerk', department: null },
    null,
  );
  clerk = { id: user.id, displayName: '李窗口', role: 'clerk' };
  svc = new AcceptanceService({
    db: ws.db,
    now: ws.now,
    config: ws.config,
    bus: ws.bus,
    calendar: ws.calendar,
    blobs: ws.blobs,
    idcard: { lastCard: () => null },
  });
  stage1 = acceptStage(1);
}, 120_000);

afterAll(() => {
  ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Each collected material's row states its form and recorded counts (原件1 复印件2, pages 11+i);
 * form-generated ones say 表单生成; "—" stands only where nothing was recorded: the page count
 * of a form-generated material.
 */
function expectMaterialRows(text: string): void {
  collectable(stage1.lines).forEach((l, i) => expect(text).toContain(`${squash(l.name)}原件和复印件12${11 + i}`));
  const fromForm = stage1.lines.filter((l) => l.fromForm && l.status === 'to-collect');
  expect(fromForm.length).toBeGreaterThan(0);
  expect(text.match(/表单生成/g)?.length).toBe(fromForm.length);
  expect(text.match(/—/g)?.length ?? 0).toBe(fromForm.length);
  expect(text).not.toContain('已扫描留存');
}

describe('at acceptance: one notice per visit', () => {
  it('受理通知书 lists every item case with its number and Code 128, every value the form holds, the recorded counts', async () => {
    expect(stage1.cases.length).toBeGreaterThanOrEqual(2);
    const doc = await render('acceptance-notice', { applicationId: stage1.applicationId });
    expect(doc.warnings).toEqual([]);
    const r = await read(doc);
    for (const v of [PROJECT, PROJECT_CODE, LOCATION, ANSWERS['builder.name'], BUILDER_USCC, AGENT, ANSWERS['agent.phone']])
      expect(r.text).toContain(squash(String(v)));
    for (const c of stage1.cases) {
      expect(r.text).toContain(c.caseNumber);
      expect(r.text).toContain(squash(c.itemName));
    }
    // The band's code and each case's (zbarimg reports a repeated value once).
    expect(new Set(r.code128)).toEqual(new Set(stage1.cases.map((c) => c.caseNumber)));
    expect(r.qr).toEqual([doc.verificationRef]);
    expectMaterialRows(r.text);
    // Rare characters come from the fallback face, embedded as a subset only because they are used.
    expect(r.fonts).toMatch(/BabelStoneHan/);
    // Any case of the visit renders the same visit-wide notice.
    const viaCase = await read(await render('acceptance-notice', { caseId: stage1.cases[1]!.id }));
    for (const c of stage1.cases) expect(viaCase.text).toContain(c.caseNumber);
  });

  it('材料接收凭证 states counts and pages as recorded and the project address', async () => {
    const r = await read(await render('material-receipt', { applicationId: stage1.applicationId }));
    for (const v of [PROJECT, LOCATION, AGENT]) expect(r.text).toContain(squash(v));
    expectMaterialRows(r.text);
    expect(r.text).not.toContain('未登记份数');
    expect(r.text).toContain('复印件');
  });

  it('documents.available offers the ordinary notice and the receipt for a full acceptance', () => {
    expect(availableDocuments(ws, { applicationId: stage1.applicationId }).map((d) => d.template)).toEqual([
      'acceptance-notice',
      'material-receipt',
    ]);
  });
});

describe('at 出件', () => {
  it('准予许可决定书 and the licence carry the case values, the leader signature reference and a verification QR', async () => {
    await decideAndSign(stage1, 'approve', true);
    for (const c of stage1.cases) {
      const decision = await read(await render('approval-decision', { caseId: c.id }));
      for (const v of [PROJECT, PROJECT_CODE, LOCATION, c.caseNumber, '决定准予行政许可', '签名值引用'])
        expect(decision.text).toContain(squash(v));
      expect(decision.text).not.toContain('待领导签批');
      const offered = availableDocuments(ws, { caseId: c.id });
      const licence = offered.find((d) => d.template === 'licence' || d.template === 'construction-permit');
      if (!licence) continue;
      expect(licence.ready).toBe(true);
      const doc = await render(licence.template, { caseId: c.id });
      const r = await read(doc);
      expect(r.text).toContain(squash(licence.title));
      for (const v of [PROJECT, LOCATION, ANSWERS['builder.name'], '签名值引用']) expect(r.text).toContain(squash(String(v)));
      expect(r.qr).toEqual([doc.verificationRef]);
    }
    const kinds = stage1.cases.flatMap((c) => availableDocuments(ws, { caseId: c.id }).map((d) => d.template));
    expect(kinds).toContain('licence');
  });
});

describe('a later stage reusing what stage 1 received', () => {
  it('prints reused materials as 电子件, marked as reused or e-licence', async () => {
    const stage2 = acceptStage(2);
    const reused = stage2.lines.filter((l) => l.status === 'reused' || l.status === 'e-licence');
    expect(reused.length).toBeGreaterThan(0);
    const r = await read(await render('acceptance-notice', { applicationId: stage2.applicationId }));
    // pdftotext reads wrapped cells out of row order, so count rather than match whole rows.
    for (const l of reused) expect(r.text).toContain(squash(l.name));
    expect(r.text.match(/电子件/g)?.length).toBe(reused.length);
    expect((r.text.match(/复用已有材料|电子证照/g) ?? []).length).toBe(reused.length);
  });
});

describe('容缺 acceptance', () => {
  let stage3: Awaited<ReturnType<typeof acceptStage>>;
  beforeAll(() => {
    stage3 = acceptStage(3, { mode: 'deficiency', skip: (l) => l.deficiencyAllowed });
  }, 60_000);

  it('prints the 容缺受理通知书 with the 承诺书: the missing material, the commitment, the deadline, never 材料齐全', async () => {
    const missing = collectable(stage3.lines).filter((l) => l.deficiencyAllowed);
    expect(missing.length).toBeGreaterThan(0);
    const r = await read(await render('deficiency-notice', { applicationId: stage3.applicationId }));
    expect(r.text).toContain('容缺受理通知书');
    expect(r.text).toContain('容缺受理承诺书');
    expect(r.text).toContain('三个工作日内补交施工组织设计');
    expect(r.text).toContain('2026年3月4日');
    for (const l of missing) expect(r.text).toContain(squash(l.name).slice(0, 12));
    for (const v of [PROJECT, LOCATION, AGENT]) expect(r.text).toContain(squash(v));
    expect(r.text).not.toContain('材料齐全');
  });

  it('refuses the ordinary 受理通知书 for it, and offers the 容缺 notice instead', async () => {
    const e = await render('acceptance-notice', { applicationId: stage3.applicationId }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain('容缺受理通知书');
    expect(availableDocuments(ws, { applicationId: stage3.applicationId }).map((d) => d.template)).toEqual([
      'deficiency-notice',
      'material-receipt',
    ]);
  });

  it('a denial prints the 不予许可决定书 with reasons, §38 and remedies, signed', async () => {
    await decideAndSign(stage3, 'deny', false);
    const c = stage3.cases[0]!;
    expect(availableDocuments(ws, { caseId: c.id }).map((d) => d.template)).toContain('denial-decision');
    const r = await read(await render('denial-decision', { caseId: c.id }));
    for (const v of [
      '不予行政许可决定书',
      '施工图设计文件未经审查合格',
      '第三十八条第二款',
      '申请行政复议',
      '提起行政诉讼',
      '签名值引用',
      PROJECT,
      LOCATION,
    ])
      expect(r.text).toContain(squash(v));
  });
});

describe('before acceptance: pre-acceptance records', () => {
  it('一次性告知 is kept, journaled, counted, linked to the draft, and prints every material with the §32 five-day rule', async () => {
    const composed = svc.compose({ stage: 2, projectCode: PROJECT_CODE, ...SCOPE });
    const { values } = fillAsClerk(composed);
    const lines = svc
      .checklist({ stage: 2, projectCode: PROJECT_CODE, ...SCOPE, values: values as Record<string, string>, rejected: [] })
      .filter((l) => l.required && l.status !== 'issued-in-stage');
    const draft = saveDraft(ws, { title: PROJECT, data: { values } }, clerk);
    const records = new PreAcceptanceRecords(svc);
    const view = records.notify(
      {
        stage: 2,
        itemCodes: composed.form.items.map((i) => i.code),
        values: { ...values, 'agent.name': AGENT } as Record<string, string>,
        draftId: draft.draftId,
        deficiencies: [
          { code: lines[0]!.code, kind: 'missing' },
          { code: lines[1]!.code, kind: 'defective', problem: '未加盖建设单位公章' },
        ],
      },
      clerk,
    );
    expect(view.number).toMatch(/^GZ-20260302-\d{4}$/);
    expect(view.draftOpen).toBe(true);
    expect(view.deficiencies.map((d) => d.name)).toEqual([lines[0]!.name, lines[1]!.name]);
    const journal = ws.db.prepare('SELECT type, payload FROM journal WHERE stream = ?').all(`pre-acceptance:${view.id}`) as {
      type: string;
      payload: string;
    }[];
    expect(journal.map((j) => j.type)).toEqual(['preAcceptance.notified']);
    expect(journal[0]!.payload).not.toContain(AGENT);
    expect(records.list({ query: String(ANSWERS['builder.name']) }).map((r) => r.id)).toContain(view.id);

    const doc = await render('correction-notice', { preAcceptanceId: view.id });
    expect(doc.title).toBe('一次性告知书');
    const r = await read(doc);
    for (const v of [
      '一次性告知书',
      lines[0]!.name,
      lines[1]!.name,
      '未加盖建设单位公章',
      '第三十二条',
      '五日内',
      '补正材料请送至',
      ANSWERS['builder.name'],
      AGENT,
    ])
      expect(r.text).toContain(squash(String(v)));
    expect(r.code128).toEqual([view.number]);
    expect(r.qr).toEqual([doc.verificationRef]);

    const rejection = records.reject(
      {
        stage: 2,
        itemCodes: composed.form.items.map((i) => i.code),
        values: values as Record<string, string>,
        reasons: ['申请事项依法不需要取得行政许可'],
        ground: 'no-licence-needed',
      },
      clerk,
    );
    const rr = await read(await render('rejection-notice', { preAcceptanceId: rejection.id }));
    for (const v of ['不予受理决定书', '申请事项依法不需要取得行政许可', '第三十二条第一款第（一）项', '申请行政复议', '提起行政诉讼'])
      expect(rr.text).toContain(squash(v));

    const stats = hallStatistics(ws.db, { from: '2026-03-01', to: '2026-03-31', groupBy: 'department' });
    expect(stats.preAcceptance).toEqual({ oneTimeNotices: 1, rejections: 1 });

    // The CLI renders the record by its number, from the store beside the running workstation.
    const cli = createDocumentCommands({ loadCaseData: loadCaseDataFromStore }).find((c) => c.path.join(' ') === 'documents render')!;
    const previous = process.env['ONEWINDOW_DATA_DIR'];
    process.env['ONEWINDOW_DATA_DIR'] = ws.dataDir;
    try {
      await withTempDir(async (d) => {
        const out = join(d, 'notice.pdf');
        const code = await cli.run(['correction-notice', '--case', view.number, '--out', out], {
          out: () => undefined,
          err: () => undefined,
          env: process.env,
        });
        expect(code).toBe(0);
        expect(squash(await pdfText(out))).toContain(squash(lines[1]!.name));
      });
    } finally {
      if (previous === undefined) delete process.env['ONEWINDOW_DATA_DIR'];
      else process.env['ONEWINDOW_DATA_DIR'] = previous;
    }
  });
});

describe('a character no face holds', () => {
  it('prints as a marked blank, warns before printing, is journaled; the rest prints', async () => {
    // U+2EBF0 (CJK Extension I, Unicode 15.1) is in none of the shipped faces.
    const rare = String.fromCodePoint(0x2ebf0);
    const db = ws.db;
    const app = db.prepare('SELECT parties FROM stage_applications WHERE id = ?').get(stage1.applicationId) as { parties: string };
    const parties = JSON.parse(app.parties) as { applicant: { name: string }; agent?: { name: string } };
    // The correction of applicant data is the counter helper's screen; here the stored name is set directly.
    parties.applicant.name = '王' + rare;
    if (parties.agent) parties.agent.name = '王' + rare;
    db.prepare('UPDATE stage_applications SET parties = ? WHERE id = ?').run(JSON.stringify(parties), stage1.applicationId);
    const detail = caseDetail(ws, { id: stage1.cases[0]!.id }, null);
    const doc = await render('acceptance-notice', { applicationId: stage1.applicationId });
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]!.chars).toBe(rare);
    expect(doc.warnings[0]!.message).toContain('手写');
    const r = await read(doc);
    expect(detail.applicant.name).toBe('王' + rare);
    expect(r.text).toContain('王□');
    expect(r.text).toContain(PROJECT);
    const events = db.prepare('SELECT payload FROM journal WHERE type = ?').all(MISSING_GLYPHS_EVENT) as { payload: string }[];
    expect(events.map((e) => JSON.parse(e.payload) as { codePoints: string[] }).flatMap((p) => p.codePoints)).toContain('U+2EBF0');
  });
});
