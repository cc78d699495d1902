import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/api/errors';
import { attr, attrs, OP, TAG } from './ipp/codec';
import { ippCall, ippOk, IppTransportError } from './ipp/ipp-client';
import type { Printer, PrintJobResult, PrintOptions } from './printer';

export interface IppPrinterOptions {
  /** How long to follow a job before reporting it as still pending. */
  waitMs?: number;
  pollMs?: number;
  /** requesting-user-name: the OS account, as lp sends it (the queue shows it; cups-pdf files by it). */
  user?: string;
}

export interface IppPrinterState {
  /** 3 idle, 4 processing, 5 stopped (RFC 8011 printer-state). */
  state: number;
  reasons: string[];
  accepting: boolean;
  makeAndModel: string;
}

/** printer-state-reasons a clerk can act on (RFC 8011 / PWG 5100). */
const REASONS: [RegExp, string][] = [
  [/^media-empty|^media-needed/, '缺纸，请添加纸张'],
  [/^media-jam/, '卡纸，请打开打印机取出卡住的纸张'],
  [/^toner-empty|^marker-supply-empty/, '墨粉/墨水已用完，请更换耗材'],
  [/^door-open|^cover-open/, '打印机盖板未关好'],
  [/^offline|^shutdown|^connecting-to-device/, '打印机离线，请检查电源和网线'],
  [/^paused/, '打印机已暂停'],
];

export function describeReasons(reasons: readonly string[]): string | undefined {
  for (const r of reasons) for (const [re, text] of REASONS) if (re.test(r)) return text;
  return undefined;
}

/** job-state (RFC 8011 5.3.7). */
const JOB = { pending: 3, held: 4, processing: 5, stopped: 6, canceled: 7, aborted: 8, completed: 9 } as const;

/**
 * A printer spoken to in IPP directly — a network printer (IPP Everywhere) or a CUPS queue —
 * with the job followed by its `job-state`, so a job cancelled at the printer or in the queue
 * is reported as cancelled, not as printed.
 */
export class IppPrinter implements Printer {
  readonly kind = 'ipp' as const;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly user: string;

  constructor(
    readonly name: string,
    readonly uri: string,
    options: IppPrinterOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 200;
    this.user = options.user ?? osUser();
  }

  private unreachable(e: unknown): AppError {
    return new AppError('DEVICE', `无法连接打印机“${this.name}”，请检查打印机电源和网线，确认地址 ${this.uri} 正确后重新打印`, [
      { path: 'ipp', message: e instanceof Error ? e.message : String(e) },
    ]);
  }

  async state(): Promise<IppPrinterState> {
    const res = await ippCall(this.uri, OP.getPrinterAttributes, [
      { tag: TAG.name, name: 'requesting-user-name', values: [this.user] },
      {
        tag: TAG.keyword,
        name: 'requested-attributes',
        values: ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs', 'printer-make-and-model'],
      },
    ]).catch((e: unknown) => {
      throw this.unreachable(e);
    });
    if (!ippOk(res.status)) {
      throw new AppError(
        'DEVICE',
        res.status === 0x0406
          ? `找不到打印机“${this.name}”，请检查地址 ${this.uri} 是否正确`
          : `打印机“${this.name}”拒绝了状态查询（IPP 状态 0x${res.status.toString(16)}），请检查打印机设置`,
      );
    }
    return {
      state: Number(attr(res, TAG.printer, 'printer-state') ?? 3),
      reasons: attrs(res, TAG.printer, 'printer-state-reasons')
        .map(String)
        .filter((r) => r !== 'none'),
      accepting: attr(res, TAG.printer, 'printer-is-accepting-jobs') !== false,
      makeAndModel: String(attr(res, TAG.printer, 'printer-make-and-model') ?? ''),
    };
  }

  async checkReady(): Promise<IppPrinterState> {
    const s = await this.state();
    const why = describeReasons(s.reasons);
    if (s.state === 5)
      throw new AppError('DEVICE', `打印机“${this.name}”已停止${why ? `（${why}）` : ''}，请处理后在打印机上恢复，再重新打印`);
    if (!s.accepting) throw new AppError('DEVICE', `打印机“${this.name}”当前不接受打印任务，请在打印管理中启用接收任务后重新打印`);
    return s;
  }

  async print(pdf: Uint8Array, opts: PrintOptions): Promise<PrintJobResult> {
    await this.checkReady();
    const copies = Math.max(1, Math.min(99, opts.copies ?? 1));
    const res = await ippCall(
      this.uri,
      OP.printJob,
      [
        { tag: TAG.name, name: 'requesting-user-name', values: [this.user] },
        { tag: TAG.name, name: 'job-name', values: [opts.title.slice(0, 200)] },
        { tag: TAG.mimeType, name: 'document-format', values: ['application/pdf'] },
      ],
      { jobAttributes: copies > 1 ? [{ tag: TAG.integer, name: 'copies', values: [copies] }] : [], document: pdf, timeoutMs: 120_000 },
    ).catch((e: unknown) => {
      throw e instanceof IppTransportError ? this.unreachable(e) : e;
    });
    const jobNumber = attr(res, TAG.job, 'job-id');
    if (!ippOk(res.status) || typeof jobNumber !== 'number') {
      throw new AppError(
        'DEVICE',
        `打印机“${this.name}”拒绝了打印任务（IPP 状态 0x${res.status.toString(16).padStart(4, '0')}），请检查打印机后重新打印`,
      );
    }
    const jobId = `${queueName(this.uri) || this.name}-${jobNumber}`;
    opts.onQueued?.(jobId);
    return this.follow(jobNumber, jobId);
  }

  /** The job's state by number: completed, cancelled, aborted, or still going. */
  async jobState(jobNumber: number): Promise<{ state: number; reasons: string[] }> {
    const res = await ippCall(this.uri, OP.getJobAttributes, [
      { tag: TAG.integer, name: 'job-id', values: [jobNumber] },
      { tag: TAG.name, name: 'requesting-user-name', values: [this.user] },
      { tag: TAG.keyword, name: 'requested-attributes', values: ['job-state', 'job-state-reasons'] },
    ]);
    return { state: Number(attr(res, TAG.job, 'job-state') ?? 0), reasons: attrs(res, TAG.job, 'job-state-reasons').map(String) };
  }

  private async follow(jobNumber: number, jobId: string): Promise<PrintJobResult> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const job = await this.jobState(jobNumber).catch((e: unknown) => {
        throw this.unreachable(e);
      });
      if (job.state === JOB.completed) return { jobId, state: 'completed', message: '打印完成' };
      if (job.state === JOB.canceled) return { jobId, state: 'cancelled', message: '打印任务已被取消，未打印；如需要请点击“重新打印”' };
      if (job.state === JOB.aborted)
        return {
          jobId,
          state: 'failed',
          message: `打印任务被打印机中止${describeReasons(job.reasons) ? `（${describeReasons(job.reasons)}）` : ''}，请检查打印机后重新打印`,
        };
      if (job.state === JOB.stopped) {
        const why = describeReasons((await this.state().catch(() => undefined))?.reasons ?? job.reasons);
        if (why)
          throw new AppError('DEVICE', `打印机“${this.name}”在打印过程中停止（${why}），处理后打印会继续；如未继续请重新打印`, [
            { path: 'jobId', message: jobId },
          ]);
      }
      if (Date.now() >= deadline)
        return { jobId, state: 'pending', message: '打印任务仍在队列中，请稍候到打印机取件；如长时间未出纸请检查打印机' };
      await sleep(this.pollMs);
    }
  }
}

/** The last path segment of ipp://host/printers/NAME, used in job ids like CUPS's NAME-42. */
export function queueName(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname.split('/').filter(Boolean).pop() ?? '');
  } catch {
    return '';
  }
}

function osUser(): string {
  try {
    return userInfo().username || 'onewindow';
  } catch {
    return 'onewindow';
  }
}
