import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { renderDocument, sampleData } from '../../../electron/documents';
import { CupsPrinter, FolderPrinter, listCupsQueues, PrintService, type PrintJournalEntry } from '../../../electron/devices/printer';
import { decodeBarcodes, pdfText } from '../../fixtures/documents/pdf-tools';
import { cancelAll, ensureCups, PDF_QUEUE, setQueueEnabled, waitForCupsPdfOutput } from './cups';

let notice: Uint8Array;
const data = sampleData('material-receipt') as { ref: { caseNumber: string } };

beforeAll(async () => {
  await ensureCups();
  notice = await renderDocument('material-receipt', data);
});

afterAll(async () => {
  await cancelAll(PDF_QUEUE);
  await setQueueEnabled(PDF_QUEUE, true);
});

describe('CUPS printer (cups-pdf queue)', () => {
  it('lists the queue as idle and accepting', async () => {
    const queues = await listCupsQueues();
    const q = queues.find((x) => x.name === PDF_QUEUE);
    expect(q).toMatchObject({ kind: 'cups', state: 'idle', accepting: true });
  });

  it('prints a notice: the job completes and the output file appears with the barcode intact', async () => {
    const result = await new CupsPrinter(PDF_QUEUE).print(notice, { title: 'material-receipt' });
    expect(result.state).toBe('completed');
    expect(result.jobId).toMatch(new RegExp(`^${PDF_QUEUE}-\\d+$`));
    const out = await waitForCupsPdfOutput(result.jobId);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
    // Ghostscript re-renders text as outlines; the barcode must still decode from the print.
    const codes = await decodeBarcodes(out);
    expect(codes.code128).toEqual([data.ref.caseNumber]);
    await rm(out);
  });

  it('refuses a disabled queue with a DEVICE error, and the journal records the failure for a reprint', async () => {
    await setQueueEnabled(PDF_QUEUE, false);
    const journal: PrintJournalEntry[] = [];
    const service = new PrintService({
      printers: [new CupsPrinter(PDF_QUEUE)],
      mapping: { default: PDF_QUEUE },
      journal: (e) => void journal.push(e),
    });
    try {
      const err = await service
        .print({ documentKind: 'material-receipt', pdf: notice, title: 'r', caseNumber: data.ref.caseNumber })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('DEVICE');
      expect((err as AppError).message).toContain('暂停');
      expect(journal).toHaveLength(1);
      expect(journal[0]).toMatchObject({ outcome: 'error', reprint: false, printer: PDF_QUEUE });
    } finally {
      await setQueueEnabled(PDF_QUEUE, true);
    }
    // The caller still holds the PDF: the reprint goes through and is journaled as one.
    const again = await service.print({ documentKind: 'material-receipt', pdf: notice, title: 'r', reprint: true });
    expect(again.state).toBe('completed');
    expect(journal[1]).toMatchObject({ outcome: 'completed', reprint: true });
    await rm(await waitForCupsPdfOutput(again.jobId));
  });

  it('names a missing queue clearly', async () => {
    const err = await new CupsPrinter('NoSuchQueue').print(notice, { title: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DEVICE');
    expect((err as AppError).message).toContain('找不到打印机');
  });
});

describe('folder printer (training)', () => {
  it('writes each job as a whole PDF into the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ow-folder-'));
    try {
      const p = new FolderPrinter('培训打印机', join(dir, 'out'));
      const r = await p.print(notice, { title: '材料接收凭证', copies: 2 });
      expect(r.state).toBe('completed');
      const files = await readdir(join(dir, 'out'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/-x2\.pdf$/);
      expect((await pdfText(join(dir, 'out', files[0]!))).replace(/\s+/g, '')).toContain('材料接收凭证');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
