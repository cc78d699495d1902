import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/api/errors';
import { listCupsQueues } from './cups-queues';
import { IppPrinter } from './ipp-printer';
import type { Printer, PrintJobResult, PrintOptions } from './printer';
import { runTool } from './run-tool';

export interface CupsPrinterOptions {
  /** How long to follow a job before reporting it as still pending. */
  waitMs?: number;
  pollMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * A CUPS queue driven through `lp` and `lpstat`, for machines without Electron. The queue is
 * checked before submitting because CUPS happily accepts jobs into a paused queue, where they
 * would sit unseen while the applicant waits at the window.
 */
export class CupsPrinter implements Printer {
  readonly kind = 'cups' as const;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly name: string,
    options: CupsPrinterOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 200;
    this.env = options.env ?? process.env;
  }

  async checkReady(): Promise<void> {
    const queue = (await listCupsQueues(this.env)).find((q) => q.name === this.name);
    if (!queue) {
      throw new AppError('DEVICE', `找不到打印机“${this.name}”，请检查打印机是否已安装，或在工作站设置中重新选择打印机`);
    }
    if (queue.state === 'stopped') {
      const why = queue.reason ? `（${queue.reason}）` : '';
      throw new AppError(
        'DEVICE',
        `打印机“${this.name}”已暂停或离线${why}，请检查电源、纸张和连接线，并在打印管理中恢复该打印机后重新打印`,
      );
    }
    if (!queue.accepting) {
      throw new AppError('DEVICE', `打印机“${this.name}”当前不接受打印任务，请在打印管理中启用接收任务后重新打印`);
    }
  }

  async print(pdf: Uint8Array, opts: PrintOptions): Promise<PrintJobResult> {
    await this.checkReady();
    const dir = await mkdtemp(join(tmpdir(), 'ow-print-'));
    try {
      const file = join(dir, 'document.pdf');
      await writeFile(file, pdf);
      const copies = String(Math.max(1, Math.min(99, opts.copies ?? 1)));
      const lp = await runTool('lp', ['-d', this.name, '-t', opts.title, '-n', copies, file], this.env);
      const jobId = /request id is (\S+)/.exec(lp.stdout)?.[1];
      if (lp.code !== 0 || !jobId) {
        throw new AppError('DEVICE', `打印任务提交失败，请检查打印机“${this.name}”后重新打印`, [
          { path: 'lp', message: (lp.stderr || lp.stdout).trim() },
        ]);
      }
      opts.onQueued?.(jobId);
      return await this.follow(jobId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Polls the job's IPP job-state until it ends, the queue stops, or the wait bound passes.
   * (lpstat's "completed" list also holds cancelled and aborted jobs; job-state tells them apart.)
   */
  private async follow(jobId: string): Promise<PrintJobResult> {
    const deadline = Date.now() + this.waitMs;
    const ipp = new IppPrinter(this.name, cupsQueueUri(this.name, this.env));
    const jobNumber = Number(/-(\d+)$/.exec(jobId)?.[1]);
    for (;;) {
      const { state } = await ipp.jobState(jobNumber).catch(() => ({ state: 0 }));
      if (state === 9) return { jobId, state: 'completed', message: '打印完成' };
      if (state === 7) return { jobId, state: 'cancelled', message: '打印任务已被取消，未打印；如需要请点击“重新打印”' };
      if (state === 8) return { jobId, state: 'failed', message: '打印任务被中止，请检查打印机后重新打印' };
      const queue = (await listCupsQueues(this.env)).find((q) => q.name === this.name);
      if (!queue || queue.state === 'stopped') {
        throw new AppError('DEVICE', `打印机“${this.name}”在打印过程中停止（${queue?.reason ?? '离线'}），请检查纸张和卡纸后重新打印`, [
          { path: 'jobId', message: jobId },
        ]);
      }
      if (Date.now() >= deadline) {
        return { jobId, state: 'pending', message: '打印任务仍在队列中，请稍候到打印机取件；如长时间未出纸请检查打印机' };
      }
      await sleep(this.pollMs);
    }
  }
}

/** The IPP address of a local CUPS queue (CUPS_SERVER host:port when IT points elsewhere). */
export function cupsQueueUri(queue: string, env: NodeJS.ProcessEnv = process.env): string {
  const server = env.CUPS_SERVER && !env.CUPS_SERVER.startsWith('/') ? env.CUPS_SERVER : 'localhost:631';
  return `ipp://${server.includes(':') ? server : `${server}:631`}/printers/${encodeURIComponent(queue)}`;
}
