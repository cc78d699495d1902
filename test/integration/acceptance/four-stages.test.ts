/**
 * One project through all four stages over the browser host, as the renderer drives it:
 * compose → checklist → upload → submit, then the departments decide, the leader signs and the
 * window issues, so each stage's results become materials of the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/store/journal';
import type { ChecklistLineView, ComposeResult, ProjectSummary, SubmitResult } from '../../../shared/api/acceptance';
import { startLifecycleHost, type LifecycleHost } from '../lifecycle/fixtures';
import { ANSWERS, PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../../unit/acceptance/standard-project';

let t: LifecycleHost;
beforeAll(async () => {
  t = await startLifecycleHost();
});
afterAll(async () => {
  await t.close();
});

interface StageRun {
  composed: ComposeResult;
  result: SubmitResult;
  materials: { code: string; status: string; blobRefs: string[]; ref: string | null }[];
}

async function runStage(stage: number): Promise<StageRun> {
  const scope = { stage, projectCode: PROJECT_CODE, ...SCOPE };
  const composed = await t.ok<ComposeResult>('clerk', 'acceptance.compose', { ...scope, idCardRole: 'agent' });
  const { values } = fillAsClerk(composed);
  const lines = await t.ok<ChecklistLineView[]>('clerk', 'acceptance.checklist', { ...scope, values, rejected: [] });
  const materials: { code: string; blobRefs: string[] }[] = [];
  for (const line of lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm)) {
    const ref = await t.ok<{ sha256: string }>('clerk', 'acceptance.uploadMaterial', {
      materialCode: line.code,
      fileName: `${line.code}.pdf`,
      mime: 'application/pdf',
      dataBase64: pdfBase64(line.code),
    });
    materials.push({ code: line.code, blobRefs: [ref.sha256] });
  }
  const result = await t.ok<SubmitResult>('clerk', 'acceptance.submit', {
    ...scope,
    catalogVersion: composed.catalogVersion,
    values,
    materials,
    mode: 'accept',
  });
  const row = t.ws.db.prepare('SELECT materials FROM stage_applications WHERE id = ?').get(result.applicationId) as { materials: string };
  return { composed, result, materials: JSON.parse(row.materials) as StageRun['materials'] };
}

async function decideSignIssue(result: SubmitResult): Promise<void> {
  for (const c of result.cases) {
    await t.approveInDepartment(c.id);
    await t.ok('clerk', 'cases.issue', { caseId: c.id, documentNumber: `杭规-${c.caseNumber}` });
  }
}

const lineOf = (run: StageRun, code: string) => run.composed.checklist.find((l) => l.code === code);
const stored = (run: StageRun, code: string) => run.materials.find((m) => m.code === code);

describe('one project through the four stages', () => {
  const runs: StageRun[] = [];

  it('stage 1: accepts 备案 and the land-use planning permit, one numbered case each with its department', async () => {
    const run = await runStage(1);
    runs.push(run);
    expect(run.result.cases.map((c) => c.itemName)).toEqual(['企业投资项目备案', '建设用地规划许可证核发']);
    expect(run.result.cases.map((c) => c.caseNumber)).toEqual(['W1-2026-000001', 'W1-2026-000002']);
    expect(run.result.cases.every((c) => c.dueOn !== null)).toBe(true);
    expect(stored(run, 'business-licence')?.status).toBe('collected');
    await decideSignIssue(run.result);
  });

  it('stage 2: reuses what stage 1 received and the permit it issued; asks only for what is new', async () => {
    t.advanceDays(30);
    const run = await runStage(2);
    runs.push(run);
    const stage1 = runs[0]!;
    expect(run.composed.values['project.name']).toEqual({ value: ANSWERS['project.name'], source: 'project' });
    expect(lineOf(run, 'business-licence')).toMatchObject({ status: 'reused', source: { kind: 'stage', stage: 1 } });
    expect(lineOf(run, 'land-use-planning-permit')).toMatchObject({
      status: 'reused',
      source: { kind: 'result', ref: `result:${stage1.result.cases[1]!.caseNumber}` },
    });
    // Linked by reference: the very blobs stage 1 stored.
    expect(stored(run, 'business-licence')).toMatchObject({ status: 'reused', blobRefs: stored(stage1, 'business-licence')!.blobRefs });
    expect(stored(run, 'land-use-planning-permit')).toMatchObject({
      status: 'reused',
      ref: `result:${stage1.result.cases[1]!.caseNumber}`,
    });
    expect(stored(run, 'design-scheme')?.status).toBe('collected');
    await decideSignIssue(run.result);
  });

  it('stage 3 and stage 4: the planning and construction permits carry forward', async () => {
    t.advanceDays(30);
    const three = await runStage(3);
    runs.push(three);
    expect(three.result.cases.map((c) => c.itemName)).toEqual(['建筑工程施工许可证核发']);
    expect(lineOf(three, 'engineering-planning-permit')).toMatchObject({ status: 'reused', source: { kind: 'result', stage: 2 } });
    await decideSignIssue(three.result);

    t.advanceDays(60);
    const four = await runStage(4);
    runs.push(four);
    expect(lineOf(four, 'construction-permit')).toMatchObject({ status: 'reused', source: { kind: 'result', stage: 3 } });
    expect(lineOf(four, 'planning-verification-certificate')?.status).toBe('issued-in-stage');
    expect(four.result.cases.length).toBeGreaterThanOrEqual(4);

    const [project] = await t.ok<ProjectSummary[]>('clerk', 'acceptance.findProjects', { query: '滨江科创' });
    expect(project).toMatchObject({ code: PROJECT_CODE, stagesAccepted: [1, 2, 3, 4] });
    const versions = t.ws.db.prepare('SELECT DISTINCT catalog_version AS v FROM stage_applications').all() as { v: string }[];
    expect(versions).toEqual([{ v: '2026.1' }]);
    expect(verifyJournal(t.ws.db).ok).toBe(true);
  });

  it('offers one way to accept: cases.accept is no longer in the contract', async () => {
    const body = await t.as('clerk', 'cases.list', {});
    expect(body.ok).toBe(true);
    const old = await t.rpc('cases.accept', {});
    expect(old.body.error?.code).toBe('NOT_FOUND');
  });

  it('refuses renderer-supplied facts: unknown keys are rejected by the strict input', async () => {
    const body = await t.as('clerk', 'acceptance.submit', {
      stage: 1,
      ...SCOPE,
      values: {},
      materials: [],
      mode: 'accept',
      items: [{ code: 'x', department: '自封部门' }],
    });
    expect(body.error?.code).toBe('VALIDATION');
  });
});
