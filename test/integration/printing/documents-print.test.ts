import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A real CUPS queue paused and resumed, on a shared and loaded machine: generous, never asserted on.
vi.setConfig({ testTimeout: 180_000 });
import { acceptInput, startLifecycleHost, type Accepted, type LifecycleHost } from '../lifecycle/fixtures';
import { decodeBarcodes, mutoolDraw, pdfText, withTempDir, writePdf } from '../../fixtures/documents/pdf-tools';
import { cancelAll, ensureCups, PDF_QUEUE, setQueueEnabled, waitForCupsPdfOutput } from '../printer/cups';
import { updateSettings, WINDOW_PHONE } from './helpers';

interface Rendered {
  blob: { sha256: string; size: number; mime: string };
  title: string;
  pages: number;
  verificationRef: string;
  pdfBase64: string;
}
interface Job {
  jobId: string;
  state: string;
  message: string;
  printer: string;
  reprint: boolean;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const LONG_LOCATION =
  '浙江省杭州市西湖区文三路与学院路交叉口东北角地块（原杭州市第二棉纺织厂旧址）综合楼项目用地范围内一号至六号楼及地下车库';

let t: LifecycleHost;
let accepted: Accepted;

function journal(caseId: string, type: string): { payload: string }[] {
  return t.ws.db.prepare('SELECT payload FROM journal WHERE stream = ? AND type = ? ORDER BY seq').all(`case:${caseId}`, type) as {
    payload: string;
  }[];
}

beforeAll(async () => {
  t = await startLifecycleHost();
  await updateSettings(t, (c) => {
    c.devices.printers = { notice: { kind: 'folder' }, receipt: { kind: 'none' } };
    c.window.phone = WINDOW_PHONE;
  });
  accepted = t.accepted<Accepted>(
    acceptInput({ form: { 'project.location': LONG_LOCATION.slice(0, 100), 'builder.address': '杭州市西湖区文三路1号' } }),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('documents.render from a stored case', () => {
  it('renders the 受理通知书 with the case number, the applicant and both barcodes, and stores it as a blob', async () => {
    const c = accepted.cases[0]!;
    const r = await t.ok<Rendered>('clerk', 'documents.render', { caseId: c.id, template: 'acceptance-notice' });
    const pdf = Buffer.from(r.pdfBase64, 'base64');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(r.blob.sha256);
    expect(t.ws.blobs.verify(r.blob.sha256)).toBe(true);
    expect(r.verificationRef).toMatch(new RegExp(`^OW1:${c.caseNumber}:[0-9a-f]{16}$`));
    expect(r.pages).toBeGreaterThanOrEqual(1);
    await withTempDir(async (dir) => {
      const file = await writePdf(dir, 'notice.pdf', pdf);
      expect((await mutoolDraw(file)).stderr).not.toMatch(/error|font|glyph/i);
      const text = squash(await pdfText(file));
      expect(text).toContain(c.caseNumber);
      expect(text).toContain('杭州某某置业有限公司');
      expect(text).toContain('张三丰');
      // Both item cases of the application appear, and the long location is not cut short.
      for (const k of accepted.cases) expect(text).toContain(k.caseNumber);
      expect(text).toContain(squash(LONG_LOCATION.slice(0, 40)));
      const codes = await decodeBarcodes(file);
      // The band's code and one per item case of the visit.
      expect(new Set(codes.code128)).toEqual(new Set(accepted.cases.map((k) => k.caseNumber)));
      expect(codes.qr).toEqual([r.verificationRef]);
    });
  });

  it('says what is missing instead of rendering a notice the case does not support', async () => {
    const body = await t.as('clerk', 'documents.render', { caseId: accepted.cases[0]!.id, template: 'rejection-notice' });
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(body.error?.message).toMatch(/不予受理/);
  });
});

describe('documents.print and reprint', () => {
  it('prints to the training folder printer and journals print and reprint on the case', async () => {
    const c = accepted.cases[0]!;
    const r = await t.ok<Rendered>('clerk', 'documents.render', { caseId: c.id, template: 'acceptance-notice' });
    const job = await t.ok<Job>('clerk', 'documents.print', { caseId: c.id, template: 'acceptance-notice', blobSha256: r.blob.sha256 });
    expect(job.state).toBe('completed');
    const folder = join(t.ws.dataDir, 'printed');
    expect(readdirSync(folder).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    const noReason = await t.as('clerk', 'documents.reprint', {
      caseId: c.id,
      template: 'acceptance-notice',
      blobSha256: r.blob.sha256,
      copies: 2,
    });
    expect(noReason.ok).toBe(false);
    expect(noReason.error?.message).toContain('补打须填写原因');
    const again = await t.ok<Job>('clerk', 'documents.reprint', {
      caseId: c.id,
      template: 'acceptance-notice',
      blobSha256: r.blob.sha256,
      copies: 2,
      reason: '申请人遗失原件',
    });
    expect(again.reprint).toBe(true);
    expect(readdirSync(folder).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    const printed = journal(c.id, 'document.printed').map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    const reprinted = journal(c.id, 'document.reprinted').map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ template: 'acceptance-notice', documentSha256: r.blob.sha256, outcome: 'completed', copies: 1 });
    expect(reprinted).toHaveLength(1);
    expect(reprinted[0]).toMatchObject({ outcome: 'completed', copies: 2, reason: '申请人遗失原件' });
    // Printing does not change what the case says: the QR reference stays the same.
    const after = await t.ok<Rendered>('clerk', 'documents.render', { caseId: c.id, template: 'acceptance-notice' });
    expect(after.verificationRef).toBe(r.verificationRef);
  });

  it('sends the 材料接收凭证 to the receipt printer', async () => {
    const receiptDir = mkdtempSync(join(tmpdir(), 'ow-receipts-'));
    await updateSettings(t, (c) => {
      c.devices.printers = { notice: { kind: 'folder' }, receipt: { kind: 'folder', name: '凭证打印机', folder: receiptDir } };
    });
    const c = accepted.cases[1]!;
    const r = await t.ok<Rendered>('clerk', 'documents.render', { caseId: c.id, template: 'material-receipt' });
    const job = await t.ok<Job>('clerk', 'documents.print', { caseId: c.id, template: 'material-receipt', blobSha256: r.blob.sha256 });
    expect(job.printer).toBe('凭证打印机');
    expect(readdirSync(receiptDir)).toHaveLength(1);
  });

  it('prints through a real CUPS queue, reports a paused queue as a device error, and reprints once it is back', async () => {
    await ensureCups();
    await cancelAll(PDF_QUEUE);
    await updateSettings(t, (c) => {
      c.devices.printers = { notice: { kind: 'cups', name: PDF_QUEUE }, receipt: { kind: 'none' } };
    });
    const c = accepted.cases[1]!;
    const r = await t.ok<Rendered>('clerk', 'documents.render', { caseId: c.id, template: 'acceptance-notice' });
    const printers = await t.ok<{ role: string; state: string }[]>('clerk', 'documents.printers', {});
    expect(printers.find((p) => p.role === 'notice')?.state).toBe('ready');

    const job = await t.ok<Job>('clerk', 'documents.print', { caseId: c.id, template: 'acceptance-notice', blobSha256: r.blob.sha256 });
    expect(job.state).toBe('completed');
    const out = await waitForCupsPdfOutput(job.jobId);
    expect(existsSync(out)).toBe(true);
    expect((await decodeBarcodes(out)).code128).toContain(c.caseNumber);

    await setQueueEnabled(PDF_QUEUE, false);
    try {
      const failed = await t.as('clerk', 'documents.reprint', {
        caseId: c.id,
        template: 'acceptance-notice',
        blobSha256: r.blob.sha256,
        reason: '打印机故障',
      });
      expect(failed.ok).toBe(false);
      expect(failed.error?.code).toBe('DEVICE');
      expect(failed.error?.message).toMatch(/打印机/);
      const status = await t.ok<{ kind: string; state: string }[]>('clerk', 'devices.status', {});
      expect(status.find((d) => d.kind === 'printer')?.state).toBe('error');
    } finally {
      await setQueueEnabled(PDF_QUEUE, true);
    }
    const reprint = await t.ok<Job>('clerk', 'documents.reprint', {
      caseId: c.id,
      template: 'acceptance-notice',
      blobSha256: r.blob.sha256,
      reason: '打印机故障',
    });
    expect(reprint.state).toBe('completed');
    const outcomes = journal(c.id, 'document.reprinted').map((e) => (JSON.parse(e.payload) as { outcome: string }).outcome);
    expect(outcomes).toEqual(['error', 'completed']);
  });
});

describe('onewindow documents render --case', () => {
  it('renders a stored case to a file from the command line', async () => {
    const { createDocumentCommands } = await import('../../../electron/cli/documents');
    const { loadCaseDataFromStore } = await import('../../../electron/documents/cli-case-data');
    const render = createDocumentCommands({ loadCaseData: loadCaseDataFromStore }).find((c) => c.path.join(' ') === 'documents render')!;
    const c = accepted.cases[0]!;
    const previous = process.env.ONEWINDOW_DATA_DIR;
    process.env.ONEWINDOW_DATA_DIR = t.ws.dataDir;
    try {
      await withTempDir(async (dir) => {
        const out = join(dir, 'receipt.pdf');
        const lines: string[] = [];
        const code = await render.run(['material-receipt', '--case', c.caseNumber, '--out', out], {
          out: (l) => lines.push(l),
          err: (l) => lines.push(l),
          env: process.env,
        });
        expect(code).toBe(0);
        expect(squash(await pdfText(out))).toContain(c.caseNumber);
        const missing = await render
          .run(['material-receipt', '--case', 'NOPE-0000', '--out', out], { out: () => undefined, err: () => undefined, env: process.env })
          .catch((e: unknown) => e);
        expect(missing).toMatchObject({ code: 'NOT_FOUND' });
      });
    } finally {
      if (previous === undefined) delete process.env.ONEWINDOW_DATA_DIR;
      else process.env.ONEWINDOW_DATA_DIR = previous;
    }
  });
});
