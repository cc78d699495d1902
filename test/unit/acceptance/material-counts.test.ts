import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcceptanceService } from '../../../electron/acceptance';
import { caseDetail } from '../../../electron/cases/case-detail';
import { openWorkstation, type Workstation } from '../../../electron/workstation';
import { PDFDocument } from 'pdf-lib';
import { PROJECT_CODE, SCOPE, fillAsClerk } from './standard-project';

/** A real scan-like PDF of n pages (distinct per label, so each is its own blob). */
async function scanPdf(label: string, pages: number): Promise<string> {
  const doc = await PDFDocument.create();
  doc.setTitle(label);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save()).toString('base64');
}

const CLERK = { id: 'u-clerk', displayName: '李窗口', role: 'clerk' as const };

let dir: string;
let ws: Workstation;

beforeEach(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-counts-'));
  ws = openWorkstation({ dataDir: join(dir, 'data'), hostKind: 'browser-host', now: () => new Date('2026-03-02T09:00:00+08:00') });
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('original/copy counts and pages recorded at collection', () => {
  it('keeps what the clerk confirmed, else the guide and the counted pages, and marks form-generated materials', async () => {
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
    const toCollect = lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm);
    expect(toCollect.length).toBeGreaterThan(1);
    const uploads = [];
    for (const l of toCollect)
      uploads.push({
        line: l,
        ref: svc.upload({ materialCode: l.code, fileName: `${l.code}.pdf`, mime: 'application/pdf', dataBase64: await scanPdf(l.code, 2) }),
      });
    // The uploaded PDF is counted at upload, so the clerk sees the pages before confirming them.
    expect(uploads[0]!.ref.pages).toBe(2);
    const [typed, ...rest] = uploads;
    const result = svc.submit(
      {
        stage: 1,
        projectCode: PROJECT_CODE,
        ...SCOPE,
        catalogVersion: composed.catalogVersion,
        values: values as Record<string, string>,
        materials: [
          { code: typed!.line.code, blobRefs: [typed!.ref.sha256], originals: 2, copies: 3, pages: 17 },
          ...rest.map((u) => ({ code: u.line.code, blobRefs: [u.ref.sha256] })),
        ],
        mode: 'accept',
      },
      CLERK,
    );
    const detail = caseDetail(ws, { id: result.cases[0]!.id }, 'clerk');
    const stored = new Map(detail.materials.map((m) => [m.code, m]));
    expect(stored.get(typed!.line.code)).toMatchObject({ originals: 2, copies: 3, pages: 17 });
    const other = rest[0]!;
    expect(stored.get(other.line.code)).toMatchObject({ originals: other.line.originals, copies: other.line.copies, pages: 2 });
    const formMade = lines.find((l) => l.fromForm && l.required);
    if (formMade) expect(stored.get(formMade.code)?.fromForm).toBe(true);
  });
});
