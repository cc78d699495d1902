import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcceptanceService } from '../../../electron/acceptance';
import { caseDetail, correctParties } from '../../../electron/cases';
import { appendEvents } from '../../../electron/store/journal';
import { openWorkstation, type Workstation } from '../../../electron/workstation';
import { AppError } from '../../../shared/api/errors';
import { PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../acceptance/standard-project';

const CLERK = { id: 'u-clerk', displayName: '李窗口', role: 'clerk' as const };

let dir: string;
let ws: Workstation;

beforeEach(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-correct-'));
  ws = openWorkstation({ dataDir: join(dir, 'data'), hostKind: 'browser-host', now: () => new Date('2026-03-02T09:00:00+08:00') });
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function acceptStageOne() {
  const svc = new AcceptanceService({
    db: ws.db,
    now: ws.now,
    config: ws.config,
    bus: ws.bus,
    calendar: ws.calendar,
    blobs: ws.blobs,
    idcard: { lastCard: () => null },
  });
  const composed = svc.compose({ stage: 1, projectCode: PROJECT_CODE, ...SCOPE });
  const { values } = fillAsClerk(composed);
  const lines = svc.checklist({ stage: 1, projectCode: PROJECT_CODE, ...SCOPE, values: values as Record<string, string>, rejected: [] });
  const materials = lines
    .filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm)
    .map((l) => ({
      code: l.code,
      blobRefs: [
        svc.upload({ materialCode: l.code, fileName: `${l.code}.pdf`, mime: 'application/pdf', dataBase64: pdfBase64(l.code) }).sha256,
      ],
    }));
  return svc.submit(
    {
      stage: 1,
      projectCode: PROJECT_CODE,
      ...SCOPE,
      catalogVersion: composed.catalogVersion,
      values: values as Record<string, string>,
      materials,
      mode: 'accept',
    },
    CLERK,
  );
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('correcting an accepted case’s applicant data', () => {
  it('changes every case of the visit, keeps the old value in the journal and shows the reason in the history', () => {
    const accepted = acceptStageOne();
    expect(accepted.cases.length).toBeGreaterThan(1);
    const first = accepted.cases[0]!;
    const before = caseDetail(ws, { id: first.id }, 'clerk');
    const r = correctParties(
      ws,
      { caseId: first.id, applicantName: '王䶮', projectName: '𠮷祥花园', reason: '受理时字库缺字，以“王岩”代替' },
      CLERK,
      null,
    );
    expect(r.caseIds.sort()).toEqual(accepted.cases.map((c) => c.id).sort());
    expect(r.changed.map((c) => c.label)).toEqual(['申请人姓名', '项目名称']);
    for (const c of accepted.cases) {
      const d = caseDetail(ws, { id: c.id }, 'clerk');
      expect(d.applicant.name).toBe('王䶮');
      expect(d.project.name).toBe('𠮷祥花园');
      expect(d.history.at(-1)?.summary).toContain('申请人姓名“' + before.applicant.name + '”改为“王䶮”');
      expect(d.history.at(-1)?.summary).toContain('受理时字库缺字');
    }
    const app = ws.db.prepare("SELECT payload FROM journal WHERE type = 'application.partiesCorrected'").get() as { payload: string };
    expect(JSON.parse(app.payload)).toMatchObject({
      changes: [
        { field: 'applicantName', from: before.applicant.name, to: '王䶮' },
        { field: 'projectName', from: before.project.name },
      ],
    });
    const listed = ws.db.prepare('SELECT COUNT(*) AS n FROM item_cases WHERE applicant_name = ?').get('王䶮') as { n: number };
    expect(listed.n).toBe(accepted.cases.length);
  });

  it('refuses without a reason, without a change, and from another department', () => {
    const accepted = acceptStageOne();
    const id = accepted.cases[0]!.id;
    expect(caught(() => correctParties(ws, { caseId: id, applicantName: '王䶮' }, CLERK, null)).code).toBe('VALIDATION');
    const current = caseDetail(ws, { id }, 'clerk').applicant.name;
    const same = caught(() => correctParties(ws, { caseId: id, applicantName: current, reason: '核对' }, CLERK, null));
    expect(same.message).toContain('没有需要更正的内容');
    const other = caught(() =>
      correctParties(ws, { caseId: id, applicantName: '王䶮', reason: '核对' }, { ...CLERK, role: 'leader' }, '某某不相干局'),
    );
    expect(other.code).toBe('FORBIDDEN');
    expect(other.message).toContain('不能更正');
    const bad = caught(() => correctParties(ws, { caseId: id, applicantIdNumber: '110101199003070012', reason: '核对' }, CLERK, null));
    expect(bad.message).toContain('身份证号不正确');
  });
});

describe('the case history shows the visit’s papers', () => {
  it('a notice printed once for the visit is in every case’s history (so printing it again from a case is a reprint), the visit’s other events are not', () => {
    const accepted = acceptStageOne();
    const { application_id: applicationId } = ws.db
      .prepare('SELECT application_id FROM item_cases WHERE id = ?')
      .get(accepted.cases[0]!.id) as { application_id: string };
    const at = ws.now().toISOString();
    appendEvents(ws.db, [
      {
        stream: `application:${applicationId}`,
        type: 'document.printed',
        payload: {
          template: 'acceptance-notice',
          documentSha256: 'a'.repeat(64),
          title: '受理通知书',
          printer: '窗口打印机',
          copies: 1,
          outcome: 'completed',
          jobId: null,
          message: '已打印',
        },
        actor: CLERK.id,
        at,
      },
      {
        stream: `application:${applicationId}`,
        type: 'application.reuseRejected',
        payload: { applicationId, reason: '过期', materials: [] },
        actor: CLERK.id,
        at,
      },
    ]);
    for (const c of accepted.cases) {
      const summaries = caseDetail(ws, { id: c.id }, 'clerk').history.map((h) => h.summary);
      expect(summaries).toContain('打印《受理通知书》');
      expect(summaries.some((s) => s.includes('application.'))).toBe(false);
    }
  });
});
