import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { renderDocument, sampleData } from '../../../electron/documents';
import { CupsPrinter, cupsQueueUri, IppPrinter, PrintService, type PrintJournalEntry } from '../../../electron/devices/printer';
import { cancelAll, ensureCups, PDF_QUEUE, setQueueEnabled, waitForCupsPdfOutput } from './cups';

// IPP spoken directly to real CUPS on loopback (cups-pdf queues). A second queue holds every
// job (job-hold-until-default=indefinite) so a test can cancel it deterministically.
const run = promisify(execFile);
const C = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const HOLD_QUEUE = 'OneWindowHold';
let notice: Uint8Array;

beforeAll(async () => {
  await ensureCups();
  await run(
    'lpadmin',
    ['-p', HOLD_QUEUE, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd', '-o', 'job-hold-until-default=indefinite'],
    { env: C },
  );
  await setQueueEnabled(HOLD_QUEUE, true);
  notice = await renderDocument('material-receipt', sampleData('material-receipt'));
});

afterAll(async () => {
  await cancelAll(HOLD_QUEUE);
  await setQueueEnabled(PDF_QUEUE, true);
});

const cancelJob = (jobId: string) => void run('cancel', [jobId], { env: C });

describe('IPP printer against CUPS', () => {
  it('reads the printer state over IPP', async () => {
    const s = await new IppPrinter('PDF', cupsQueueUri(PDF_QUEUE)).state();
    expect(s.state).toBe(3);
    expect(s.accepting).toBe(true);
  });

  it('a completed job is reported completed, and the page comes out', async () => {
    const result = await new IppPrinter('PDF', cupsQueueUri(PDF_QUEUE)).print(notice, { title: '材料收取凭证 王䶮' });
    expect(result.state).toBe('completed');
    expect(result.jobId).toMatch(new RegExp(`^${PDF_QUEUE}-\\d+$`));
    const out = await waitForCupsPdfOutput(result.jobId);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
    await rm(out);
  });

  it('a job cancelled in the queue is reported cancelled, not printed, and journaled so', async () => {
    const journal: PrintJournalEntry[] = [];
    const printer = new IppPrinter('待取打印机', cupsQueueUri(HOLD_QUEUE));
    // The queue holds the job; an operator cancels it as soon as it is queued.
    const cancelling: Pick<typeof printer, 'name' | 'kind' | 'print'> = {
      name: printer.name,
      kind: printer.kind,
      print: (pdf, opts) => printer.print(pdf, { ...opts, onQueued: cancelJob }),
    };
    const service = new PrintService({ printers: [cancelling], mapping: { default: printer.name }, journal: (e) => void journal.push(e) });
    const result = await service.print({ documentKind: 'material-receipt', pdf: notice, title: 'r' });
    expect(result.state).toBe('cancelled');
    expect(result.message).toContain('取消');
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ outcome: 'cancelled', jobId: result.jobId });
  });

  it('the lp-based CUPS printer also tells a cancelled job from a completed one (IPP job-state)', async () => {
    const result = await new CupsPrinter(HOLD_QUEUE).print(notice, { title: 'r', onQueued: cancelJob });
    expect(result.state).toBe('cancelled');
  });

  it('a stopped queue is refused before submitting, with what to do', async () => {
    await setQueueEnabled(PDF_QUEUE, false);
    try {
      const err = await new IppPrinter('PDF', cupsQueueUri(PDF_QUEUE)).print(notice, { title: 'r' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain('已停止');
    } finally {
      await setQueueEnabled(PDF_QUEUE, true);
    }
  });

  it('an address where no printer answers is a DEVICE error naming it', async () => {
    const err = await new IppPrinter('网络打印机', 'ipp://127.0.0.1:9/ipp/print').print(notice, { title: 'r' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DEVICE');
    expect((err as AppError).message).toContain('ipp://127.0.0.1:9/ipp/print');
  });
});
