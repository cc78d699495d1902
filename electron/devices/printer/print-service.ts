import { AppError } from '../../../shared/api/errors';
import type { Printer, PrintJobResult } from './printer';

/** Document kinds as the workstation settings map them (template names plus receipts etc.). */
export type DocumentKind = string;

export interface PrintJournalEntry {
  at: string;
  documentKind: DocumentKind;
  caseNumber?: string;
  title: string;
  printer: string;
  reprint: boolean;
  copies: number;
  outcome: PrintJobResult['state'] | 'error';
  jobId?: string;
  message: string;
}

export interface PrintServiceOptions {
  printers: readonly Printer[];
  /** documentKind -> printer name, from the workstation settings; `default` catches the rest. */
  mapping: Readonly<Record<DocumentKind, string>>;
  /** Appends to the case journal; called for every attempt, failed ones included. */
  journal(entry: PrintJournalEntry): void | Promise<void>;
  now?: () => Date;
}

export interface PrintRequest {
  documentKind: DocumentKind;
  pdf: Uint8Array;
  title: string;
  caseNumber?: string;
  copies?: number;
  reprint?: boolean;
  /** Overrides the mapping, e.g. when the clerk picks another printer after a failure. */
  printer?: string;
}

/**
 * Routes each document to the printer the settings name for its kind (A4 notices to the laser
 * printer, receipts to the receipt printer) and journals the outcome. The caller keeps the PDF:
 * on failure it stays available for a reprint.
 */
export class PrintService {
  constructor(private readonly options: PrintServiceOptions) {}

  printerFor(kind: DocumentKind): Printer {
    const name = this.options.mapping[kind] ?? this.options.mapping['default'];
    if (!name) throw new AppError('DEVICE_NOT_CONFIGURED', `尚未为“${kind}”类文书指定打印机，请在工作站设置中配置打印机`);
    return this.byName(name);
  }

  private byName(name: string): Printer {
    const printer = this.options.printers.find((p) => p.name === name);
    if (!printer) throw new AppError('DEVICE_NOT_CONFIGURED', `工作站设置中的打印机“${name}”不存在，请重新选择打印机`);
    return printer;
  }

  async print(req: PrintRequest): Promise<PrintJobResult> {
    const printer = req.printer ? this.byName(req.printer) : this.printerFor(req.documentKind);
    const copies = req.copies ?? 1;
    const base = {
      at: (this.options.now?.() ?? new Date()).toISOString(),
      documentKind: req.documentKind,
      title: req.title,
      printer: printer.name,
      reprint: req.reprint ?? false,
      copies,
      ...(req.caseNumber ? { caseNumber: req.caseNumber } : {}),
    };
    try {
      const result = await printer.print(req.pdf, { title: req.title, copies });
      await this.options.journal({ ...base, outcome: result.state, jobId: result.jobId, message: result.message });
      return result;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.options.journal({ ...base, outcome: 'error', message });
      throw e;
    }
  }
}
