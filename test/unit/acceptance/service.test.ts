import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcceptanceService } from '../../../electron/acceptance';
import { catalogDirectory } from '../../../electron/catalog';
import { decideCase, issueCase } from '../../../electron/cases';
import { signAtWindow } from '../../../electron/cases/sign-at-window';
import { toView } from '../../../electron/session/users';

import { applyFeedPage } from '../../../electron/sync/feed';
import { openWorkstation, type Workstation } from '../../../electron/workstation';
import type { ChecklistLineView, ComposeResult, DisplayUpdate, SubmitResult } from '../../../shared/api/acceptance';
import { AppError } from '../../../shared/api/errors';
import type { IdCard } from '../../../shared/domain/idcard/card';
import { ANSWERS, BUILDER_USCC, PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from './standard-project';

const CLERK = { id: 'u-clerk', displayName: '李窗口', role: 'clerk' as const };
const LEADER = { id: 'u-leader', displayName: '钱局长', role: 'leader' as const };
const LAND_PERMIT_ITEM = '00016421100101';

let dir: string;
let ws: Workstation;
let now: number;
let card: IdCard | null;

function service(opts: { catalogDirectory?: string; maxUploadBytes?: number } = {}): AcceptanceService {
  // The real workstation, with the card reader replaced by "this card was just read": the
  // serial reader itself is tested elsewhere; here only its last card matters.
  return new AcceptanceService(
    { db: ws.db, now: ws.now, config: ws.config, bus: ws.bus, calendar: ws.calendar, blobs: ws.blobs, idcard: { lastCard: () => card } },
    opts,
  );
}

function open(): void {
  ws = openWorkstation({ dataDir: join(dir, 'data'), hostKind: 'browser-host', now: () => new Date(now) });
}

beforeEach(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-acc-'));
  now = Date.parse('2026-03-02T09:00:00+08:00');
  card = null;
  open();
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function compose(
  svc: AcceptanceService,
  stage: number,
  extra: Partial<{ idCardRole: 'agent' | 'applicant'; dropItems: string[]; addItems: string[] }> = {},
): ComposeResult {
  return svc.compose({ stage, projectCode: PROJECT_CODE, ...SCOPE, ...extra });
}

function collectable(lines: ChecklistLineView[]): ChecklistLineView[] {
  return lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm);
}

function uploadAll(svc: AcceptanceService, lines: ChecklistLineView[]): { code: string; blobRefs: string[] }[] {
  return collectable(lines).map((l) => ({
    code: l.code,
    blobRefs: [
      svc.upload({ materialCode: l.code, fileName: `${l.code}.pdf`, mime: 'application/pdf', dataBase64: pdfBase64(l.code) }).sha256,
    ],
  }));
}

/** Composes, fills what prefill left empty, collects what must be brought, accepts. */
function acceptStage(
  svc: AcceptanceService,
  stage: number,
  overrides: { values?: Record<string, unknown>; rejected?: string[] } = {},
): SubmitResult & { composed: ComposeResult } {
  const composed = compose(svc, stage);
  const { values } = fillAsClerk(composed);
  const finalValues = { ...values, ...overrides.values };
  const lines = svc.checklist({
    stage,
    projectCode: PROJECT_CODE,
    ...SCOPE,
    values: finalValues as Record<string, string>,
    rejected: overrides.rejected ?? [],
  });
  const materials = [...uploadAll(svc, lines).map((m) => ({ ...m, rejectedReuse: overrides.rejected?.includes(m.code) ?? false }))];
  const result = svc.submit(
    {
      stage,
      projectCode: PROJECT_CODE,
      ...SCOPE,
      catalogVersion: composed.catalogVersion,
      values: finalValues as Record<string, string>,
      materials,
      mode: 'accept',
    },
    CLERK,
  );
  return { ...result, composed };
}

/** Decides, signs for real (the leader's SM2 key through the step-up at the window) and issues. */
async function issueAll(result: SubmitResult): Promise<void> {
  const credential = 'leader-pass-1';
  const clerk = toView(
    ws.users.byUsername('clerk1') ??
      (await ws.users.create(
        { username: 'clerk1', displayName: CLERK.displayName, password: 'clerk-pass-1', role: 'clerk', department: null },
        null,
      )),
  );
  const signing = ws.signing;
  for (const c of result.cases) decideCase(ws, c.id, { decision: 'approve', opinion: '符合条件，同意' }, { ...LEADER, role: 'reviewer' });
  // A leader signs only their department's cases: one leader per department of the stage.
  const departments = [...new Set(result.cases.map((c) => c.department))];
  for (const [i, department] of departments.entries()) {
    const username = `leader${i + 1}`;
    const leader =
      ws.users.byUsername(username) ??
      (await ws.users.create({ username, displayName: LEADER.displayName, password: credential, role: 'leader', department }, null));
    if (leader.department !== department)
      ws.users.update(leader.id, { displayName: leader.displayName, role: 'leader', department }, 'admin');
    if (!signing.listKeys().some((k) => k.userId === leader.id)) await signing.provisionKey({ userId: leader.id, credential }, 'admin');
    const { ticket } = await signing.authenticate({ username, password: credential }, clerk);
    await signAtWindow(
      ws,
      { ticket, caseIds: result.cases.filter((c) => c.department === department).map((c) => c.id), confirmedEach: true },
      clerk,
    );
  }
  for (const c of result.cases) issueCase(ws, c.id, { documentNumber: `证-${c.caseNumber}` }, CLERK);
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const count = (sql: string, ...args: unknown[]) => (ws.db.prepare(sql).get(...args) as { n: number }).n;

describe('compose', () => {
  it('composes stage 1 of a new project: the applicable items, every field once, type and land from the project step', () => {
    const svc = service();
    const r = svc.compose({ stage: 1, ...SCOPE });
    expect(r.form.items.map((i) => i.name)).toEqual(['企业投资项目备案', '建设用地规划许可证核发']);
    const keys = r.form.sections.flatMap((s) => s.fields.map((f) => f.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.values['project.type']).toEqual({ value: '备案', source: 'project' });
    expect(r.values['builder.name']).toEqual({ value: null, source: 'empty' });
    expect(r.project).toBeNull();
    // 立项文件 is issued by this very application's 备案 item, so it is not asked for.
    expect(r.checklist.find((l) => l.code === 'project-basis')?.status).toBe('issued-in-stage');
  });

  it('fills the agent from the card just read, or the legal representative when the applicant comes in person', () => {
    card = { name: '王小明', idNumber: '110101199003070011', address: '北京市东城区培训示范街道演示路8号' } as IdCard;
    const svc = service();
    const asAgent = svc.compose({ stage: 1, ...SCOPE, idCardRole: 'agent' });
    expect(asAgent.values['agent.name']).toEqual({ value: '王小明', source: 'idcard' });
    expect(asAgent.values['agent.idNumber']?.source).toBe('idcard');
    const inPerson = svc.compose({ stage: 1, ...SCOPE, idCardRole: 'applicant' });
    expect(inPerson.values['builder.legalRep.name']).toEqual({ value: '王小明', source: 'idcard' });
    expect(inPerson.values['agent.name']?.source).toBe('empty');
  });

  it('refuses an item of another stage, naming where it belongs', () => {
    const e = caught(() => compose(service(), 1, { addItems: ['00017440100101'] }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('属于第3阶段');
  });
});

describe('one project through the stages', () => {
  it('prefills stage 2 from stage 1 and links (not copies) what stage 1 received and issued', async () => {
    const svc = service();
    const first = acceptStage(svc, 1);
    expect(first.cases).toHaveLength(2);
    expect(first.catalogVersion).toBe('2026.1');
    await issueAll(first);
    // Stage 1's materials and the decisions signed for it (their PDFs are blobs too).
    const blobsAfterStage1 = count('SELECT COUNT(*) AS n FROM blobs');

    now += 14 * 86_400_000;
    const composed = compose(svc, 2);
    expect(composed.project?.stagesAccepted).toEqual([1]);
    // Every case of stage 1 is issued: the stage says so (已出件), not merely 已受理.
    expect(composed.project?.stagesIssued).toEqual([1]);
    expect(composed.values['project.name']).toEqual({ value: ANSWERS['project.name'], source: 'project' });
    expect(composed.values['builder.legalRep.name']).toEqual({ value: ANSWERS['builder.legalRep.name'], source: 'party' });
    expect(composed.values['agent.phone']).toEqual({ value: ANSWERS['agent.phone'], source: 'stage:1' });
    // The number on the 建设用地规划许可证 issued in stage 1 is not typed again.
    expect(composed.values['land.planningPermitNo']).toEqual({ value: `证-${first.cases[1]!.caseNumber}`, source: 'result:1' });
    const line = (code: string) => composed.checklist.find((l) => l.code === code);
    expect(line('business-licence')).toMatchObject({ status: 'reused', source: { kind: 'stage', stage: 1 }, linkedBlobs: 1 });
    expect(line('business-licence')?.from).toContain('第1阶段已收');
    // The permit issued in stage 1 is a material of stage 2.
    expect(line('land-use-planning-permit')).toMatchObject({
      status: 'reused',
      source: { kind: 'result', ref: `result:${first.cases[1]!.caseNumber}` },
    });
    expect(line('application-form')?.status).toBe('to-collect');

    const second = acceptStage(svc, 2);
    expect(compose(svc, 3).project?.stagesIssued).toEqual([1]);
    expect(second.reused).toEqual(
      expect.arrayContaining(['business-licence', 'land-use-planning-permit', 'topographic-map', 'land-title']),
    );
    const stored = ws.db.prepare('SELECT materials FROM stage_applications WHERE id = ?').get(second.applicationId) as {
      materials: string;
    };
    const materials = JSON.parse(stored.materials) as { code: string; status: string; blobRefs: string[]; ref: string | null }[];
    const licence = materials.find((m) => m.code === 'business-licence')!;
    const stage1Licence = (
      JSON.parse(
        (ws.db.prepare('SELECT materials FROM stage_applications WHERE id = ?').get(first.applicationId) as { materials: string })
          .materials,
      ) as typeof materials
    ).find((m) => m.code === 'business-licence')!;
    expect(licence).toMatchObject({ status: 'reused', blobRefs: stage1Licence.blobRefs });
    expect(licence.ref).toMatch(/^lib:/);
    // Only stage 2's own new materials became blobs: nothing reused was copied.
    const newCollected = collectable(second.composed.checklist).length;
    expect(count('SELECT COUNT(*) AS n FROM blobs')).toBe(blobsAfterStage1 + newCollected);
  });

  it('a rejected reuse is collected anew: the old copy is withdrawn and the rejection journaled', () => {
    const svc = service();
    acceptStage(svc, 1);
    const before = svc.checklist({ stage: 2, projectCode: PROJECT_CODE, ...SCOPE, values: {}, rejected: [] });
    expect(before.find((l) => l.code === 'topographic-map')?.status).toBe('reused');
    const after = svc.checklist({ stage: 2, projectCode: PROJECT_CODE, ...SCOPE, values: {}, rejected: ['topographic-map'] });
    expect(after.find((l) => l.code === 'topographic-map')).toMatchObject({ status: 'to-collect', rejected: true });

    // Rejecting without bringing a new copy cannot be accepted.
    const composed = compose(svc, 2);
    const { values } = fillAsClerk(composed);
    const withoutNew = caught(() =>
      svc.submit(
        {
          stage: 2,
          projectCode: PROJECT_CODE,
          ...SCOPE,
          values: values as Record<string, string>,
          materials: [...uploadAll(svc, before), { code: 'topographic-map', blobRefs: [], rejectedReuse: true }],
          mode: 'accept',
        },
        CLERK,
      ),
    );
    expect(withoutNew.code).toBe('VALIDATION');
    expect(withoutNew.message).toContain('现状地形图');

    const result = acceptStage(svc, 2, { rejected: ['topographic-map'] });
    expect(result.reused).not.toContain('topographic-map');
    expect(count("SELECT COUNT(*) AS n FROM project_materials WHERE material_code = 'topographic-map' AND withdrawn_at IS NOT NULL")).toBe(
      1,
    );
    expect(count("SELECT COUNT(*) AS n FROM journal WHERE type = 'application.reuseRejected'")).toBe(1);
    // Stage 3 now reuses the new copy, from stage 2.
    const stage3 = compose(svc, 3).checklist.find((l) => l.code === 'land-title');
    expect(stage3?.status).toBe('reused');
  });

  it('an e-licence the platform holds for the builder stands in for the paper licence', () => {
    applyFeedPage(
      ws.db,
      [
        {
          kind: 'elicence',
          identifier: '1.2.156.3005.2.11100000000013338W032.91350100M000100Y43.001.F',
          holderId: BUILDER_USCC,
          licenceType: '营业执照',
          validUntil: null,
          data: { legalRepresentative: '赵六' },
        },
      ],
      'c1',
      new Date(now).toISOString(),
    );
    const svc = service();
    acceptStage(svc, 1);
    const composed = compose(svc, 2);
    const line = composed.checklist.find((l) => l.code === 'business-licence');
    expect(line).toMatchObject({ status: 'e-licence', from: '电子证照（营业执照）' });
    // What the licence says fills its field; the builder's own record still comes first.
    expect(composed.values['builder.legalRep.name']).toEqual({ value: '赵六', source: 'party' });
  });
});

describe('submit validation', () => {
  it('blocks on field errors with a detail per field, and returns the USCC check-character warning without blocking', () => {
    const svc = service();
    const composed = compose(svc, 1);
    const { values } = fillAsClerk(composed);
    const lines = svc.checklist({ stage: 1, ...SCOPE, values: values as Record<string, string>, rejected: [] });
    const materials = uploadAll(svc, lines);
    const bad = caught(() =>
      svc.submit(
        {
          stage: 1,
          ...SCOPE,
          values: { ...values, 'agent.idNumber': '110101199003070012', 'agent.phone': '123' } as Record<string, string>,
          materials,
          mode: 'accept',
        },
        CLERK,
      ),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details?.map((d) => d.path).sort()).toEqual(['agent.idNumber', 'agent.phone']);
    expect(count('SELECT COUNT(*) AS n FROM item_cases')).toBe(0);

    const ok = svc.submit(
      {
        stage: 1,
        ...SCOPE,
        values: { ...values, 'builder.uscc': '91350100M000100Y44' } as Record<string, string>,
        materials,
        mode: 'accept',
      },
      CLERK,
    );
    expect(ok.warnings['builder.uscc']).toContain('校验位不符');
    // Departments and limits come from the catalog, never from the renderer.
    expect(ok.cases.map((c) => c.department)).toEqual(['市发展和改革局', '市自然资源和规划局']);
  });

  it('refuses missing materials by name, a form whose type disagrees with the items, and a stale catalog version', () => {
    const svc = service();
    const { values } = fillAsClerk(compose(svc, 1));
    const none = caught(() =>
      svc.submit({ stage: 1, ...SCOPE, values: values as Record<string, string>, materials: [], mode: 'accept' }, CLERK),
    );
    expect(none.message).toContain('营业执照');
    expect(none.details?.some((d) => d.path === 'materials.business-licence')).toBe(true);
    const typeChanged = caught(() =>
      svc.submit(
        { stage: 1, ...SCOPE, values: { ...values, 'project.type': '核准' } as Record<string, string>, materials: [], mode: 'accept' },
        CLERK,
      ),
    );
    expect(typeChanged.message).toContain('重新组成表单');
    const stale = caught(() =>
      svc.submit(
        { stage: 1, ...SCOPE, catalogVersion: '2025.9', values: values as Record<string, string>, materials: [], mode: 'accept' },
        CLERK,
      ),
    );
    expect(stale.code).toBe('CONFLICT');
  });

  it('records which prefilled values the clerk changed', () => {
    card = { name: '王小明', idNumber: '110101199003070011' } as IdCard;
    const svc = service();
    const composed = svc.compose({ stage: 1, ...SCOPE, idCardRole: 'agent' });
    const { values } = fillAsClerk(composed);
    const lines = svc.checklist({ stage: 1, ...SCOPE, values: values as Record<string, string>, rejected: [] });
    const r = svc.submit(
      {
        stage: 1,
        ...SCOPE,
        idCardRole: 'agent',
        values: { ...values, 'agent.name': '王晓明' } as Record<string, string>,
        materials: uploadAll(svc, lines),
        mode: 'accept',
      },
      CLERK,
    );
    expect(r.changed).toEqual(['agent.name']);
    const form = JSON.parse(
      (ws.db.prepare('SELECT form FROM stage_applications WHERE id = ?').get(r.applicationId) as { form: string }).form,
    ) as { sources: Record<string, string> };
    expect(form.sources['agent.idNumber']).toBe('idcard');
    expect(form.sources['agent.name']).toBe('clerk');
  });
});

describe('uploads', () => {
  it('keeps PDF, JPEG and PNG within the size limit and refuses the rest with what to do', () => {
    const svc = service({ maxUploadBytes: 1024 });
    const ref = svc.upload({
      materialCode: 'topographic-map',
      fileName: '地形图.pdf',
      mime: 'application/pdf',
      dataBase64: pdfBase64('t'),
    });
    expect(ref).toMatchObject({ mime: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const big = caught(() =>
      svc.upload({
        materialCode: 'topographic-map',
        fileName: '大图.pdf',
        mime: 'application/pdf',
        dataBase64: Buffer.alloc(2048, 0x25).toString('base64'),
      }),
    );
    expect(big.code).toBe('TOO_LARGE');
    expect(big.message).toContain('降低扫描分辨率');
    const word = caught(() =>
      svc.upload({ materialCode: 'topographic-map', fileName: 'a.docx', mime: 'application/msword', dataBase64: 'AAAA' }),
    );
    expect(word.message).toContain('PDF、JPG 或 PNG');
    const renamed = caught(() =>
      svc.upload({
        materialCode: 'topographic-map',
        fileName: 'a.png',
        mime: 'image/png',
        dataBase64: Buffer.from('MZ\x90\x00').toString('base64'),
      }),
    );
    expect(renamed.message).toContain('内容与其类型');
    const unknown = caught(() =>
      svc.upload({ materialCode: 'no-such', fileName: 'a.pdf', mime: 'application/pdf', dataBase64: pdfBase64('x') }),
    );
    expect(unknown.code).toBe('VALIDATION');
  });
});

describe('catalog versions', () => {
  function catalogDirWith(versions: { version: string; promised: number }[]): string {
    const out = join(dir, `catalog-${versions.map((v) => v.version).join('-')}`);
    mkdirSync(out);
    const base = JSON.parse(readFileSync(join(catalogDirectory(), 'default.json'), 'utf8')) as {
      version: string;
      items: { code: string; promisedLimit: { value: number } }[];
    };
    for (const v of versions) {
      const copy = structuredClone(base);
      copy.version = v.version;
      copy.items.find((i) => i.code === LAND_PERMIT_ITEM)!.promisedLimit.value = v.promised;
      writeFileSync(join(out, `${v.version}.json`), JSON.stringify(copy));
    }
    return out;
  }

  it('an accepted application keeps its version after a newer catalog arrives and after a restart without the old file', () => {
    const first = acceptStage(service(), 1);
    expect(
      (ws.db.prepare('SELECT catalog_version AS v FROM stage_applications WHERE id = ?').get(first.applicationId) as { v: string }).v,
    ).toBe('2026.1');

    const newer = catalogDirWith([{ version: '2026.2', promised: 3 }]);
    const svc = service({ catalogDirectory: newer });
    expect(svc.catalogs.current().version).toBe('2026.2');
    expect(svc.applicationCatalog(first.applicationId).version).toBe('2026.1');
    expect(compose(svc, 1).form.items.find((i) => i.code === LAND_PERMIT_ITEM)?.promisedLimit.value).toBe(3);

    ws.close();
    open();
    const afterRestart = service({ catalogDirectory: newer });
    expect(afterRestart.catalogs.versions()).toEqual(['2026.1', '2026.2']);
    const old = afterRestart.applicationCatalog(first.applicationId);
    expect(old.items.find((i) => i.code === LAND_PERMIT_ITEM)?.promisedLimit.value).not.toBe(3);
    expect(afterRestart.guide(LAND_PERMIT_ITEM, '2026.1').catalogVersion).toBe('2026.1');
  });

  it('a catalog the platform published becomes current; an edited file reusing a version number is ignored', () => {
    service();
    const base = JSON.parse(readFileSync(join(catalogDirectory(), 'default.json'), 'utf8')) as Record<string, unknown>;
    applyFeedPage(
      ws.db,
      [{ kind: 'catalog', version: '2026.3', publishedAt: '2026-03-01T00:00:00Z', data: { ...base, version: '2026.3' } }],
      'c2',
      new Date(now).toISOString(),
    );
    const svc = service();
    expect(svc.catalogs.current().version).toBe('2026.3');
    expect(count("SELECT COUNT(*) AS n FROM catalog_versions WHERE source = 'platform'")).toBe(1);

    const edited = join(dir, 'edited');
    cpSync(catalogDirectory(), edited, { recursive: true });
    const file = join(edited, 'default.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title": "', '"title": "改过的'));
    expect(service({ catalogDirectory: edited }).catalogs.get('2026.1').title).toBe(svc.catalogs.get('2026.1').title);
  });
});

describe('applicant display', () => {
  it('shows a masked name, the checklist with what is reused, and progress; clears on close', () => {
    const seen: { event: string; payload: unknown }[] = [];
    ws.bus.subscribe((event, payload) => seen.push({ event, payload }));
    const svc = service();
    svc.display({
      applicantName: '王小明',
      stage: 2,
      items: ['00016421300301'],
      step: 'materials',
      checklist: [{ code: 'business-licence', status: 'reused', from: '第1阶段已收' }],
      caseNumbers: [],
    });
    svc.clearDisplay();
    const update = seen.find((s) => s.event === 'display.update')?.payload as DisplayUpdate;
    expect(update).toMatchObject({
      applicantName: '王*明',
      stageName: '工程建设许可',
      items: ['建设工程规划许可证核发'],
      progress: { done: 4, of: 6 },
    });
    expect(update.checklist[0]).toMatchObject({ name: '营业执照（统一社会信用代码证书）', statusLabel: '复用', from: '第1阶段已收' });
    expect(JSON.stringify(update)).not.toContain('王小明');
    expect(seen.at(-1)?.event).toBe('display.clear');
  });
});
