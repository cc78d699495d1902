import type { PrintJobView, PrinterView } from '../../shared/api/documents';
import { AppError } from '../../shared/api/errors';
import { PrintService, type ElectronPrintBridge, type PrintJournalEntry } from '../devices/printer';
import { templates, type TemplateName } from '../documents';
import { appendEvents } from '../store/journal';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { DeviceManager } from '../devices/device-manager';
import type { BlobStore } from '../store/blobs';
import type { Db } from '../store/database';
import { describePrinters, effectiveRef, printerFromRef, type PrinterRole } from './printers-from-settings';

export const PRINT_EVENT = 'document.printed';
export const REPRINT_EVENT = 'document.reprinted';

/** Receipts are narrow slips; everything else is an A4 notice. */
export function roleOf(template: TemplateName): PrinterRole {
  return template === 'material-receipt' ? 'receipt' : 'notice';
}

export interface PrintInput {
  caseId?: string;
  /** A visit's notice (stage application) or a pre-acceptance record's document: journaled on its stream. */
  applicationId?: string | undefined;
  preAcceptanceId?: string | undefined;
  /** Why a reprint was needed; journaled with it. */
  reason?: string | undefined;
  template: TemplateName;
  blobSha256: string;
  copies: number;
  reprint: boolean;
  actorId: string | null;
}

interface RunnerHost {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly devices: DeviceManager;
  readonly dataDir: string;
  config(): WorkstationConfig;
  now(): Date;
}

/**
 * The workstation's printing: builds the printer for a document from the current settings,
 * prints a stored PDF through the PrintService and journals every attempt (failed ones too) on
 * the case's stream, so the case history shows what the applicant was given and when. The PDF
 * stays in the blob store, so a failed job is a reprint away.
 */
export class PrintRunner {
  /**
   * @param electronBridge Electron's silent printing, relayed from the main process; only the
   *   Electron core has one (the browser host and CLI have no Electron to print with).
   */
  constructor(
    private readonly ws: RunnerHost,
    private readonly electronBridge: ElectronPrintBridge | undefined = undefined,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The desktop app's printers, for the device inventory. */
  electronPrintBridge(): ElectronPrintBridge | undefined {
    return this.electronBridge;
  }

  private context() {
    return { dataDir: this.ws.dataDir, env: this.env, ...(this.electronBridge ? { electronBridge: this.electronBridge } : {}) };
  }

  async printers(): Promise<PrinterView[]> {
    const list = await describePrinters(this.ws.config(), this.context());
    const notice = list.find((p) => p.role === 'notice');
    if (notice && notice.state !== 'not-configured') this.badge(notice.state === 'ready', notice.message, notice.kind === 'folder');
    return list;
  }

  async print(input: PrintInput): Promise<PrintJobView> {
    const pdf = this.ws.blobs.get(input.blobSha256);
    const caseNumber = input.caseId ? this.caseNumberOf(input.caseId) : undefined;
    const { ref, role } = effectiveRef(this.ws.config(), roleOf(input.template));
    const printer = printerFromRef(ref, role, this.context());
    if (!printer) {
      if (ref.kind === 'electron' && !this.electronBridge) {
        throw new AppError('DEVICE', '当前不是桌面版一窗通，无法使用系统打印：请在工作站设置中把打印机改为 CUPS 打印机');
      }
      throw new AppError('DEVICE_NOT_CONFIGURED', '尚未配置打印机，请在工作站设置中为通知书和凭证指定打印机');
    }
    const title = `${templates[input.template].title}${caseNumber ? ` ${caseNumber}` : ''}`;
    const service = new PrintService({
      printers: [printer],
      mapping: { default: printer.name },
      now: this.ws.now,
      journal: (entry) => this.journal(input, entry),
    });
    try {
      const result = await service.print({
        documentKind: input.template,
        pdf,
        title,
        copies: input.copies,
        reprint: input.reprint,
        ...(caseNumber ? { caseNumber } : {}),
      });
      if (result.state === 'failed')
        throw new AppError('DEVICE', `打印机“${printer.name}”未能完成打印（${result.message}），请检查打印机后点击“重新打印”`);
      this.badge(
        true,
        result.state === 'pending' ? '打印任务排队中' : result.state === 'cancelled' ? '上一份打印任务已取消' : '就绪',
        printer.kind === 'folder',
      );
      return { jobId: result.jobId, state: result.state, message: result.message, printer: printer.name, reprint: input.reprint };
    } catch (e) {
      const err =
        e instanceof AppError
          ? e
          : new AppError(
              'DEVICE',
              `打印机“${printer.name}”出错（${e instanceof Error ? e.message : String(e)}），请检查打印机后点击“重新打印”`,
            );
      this.badge(false, err.message, printer.kind === 'folder');
      throw err;
    }
  }

  private caseNumberOf(caseId: string): string {
    const row = this.ws.db.prepare('SELECT case_number FROM item_cases WHERE id = ?').get(caseId) as { case_number: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到该办件，请刷新后重试');
    return row.case_number;
  }

  private journal(input: PrintInput, entry: PrintJournalEntry): void {
    this.ws.db.transaction(() => {
      appendEvents(this.ws.db, [
        {
          stream: input.caseId
            ? `case:${input.caseId}`
            : input.applicationId
              ? `application:${input.applicationId}`
              : input.preAcceptanceId
                ? `pre-acceptance:${input.preAcceptanceId}`
                : 'workstation',
          type: input.reprint ? REPRINT_EVENT : PRINT_EVENT,
          payload: {
            template: input.template,
            documentSha256: input.blobSha256,
            title: entry.title,
            printer: entry.printer,
            copies: entry.copies,
            outcome: entry.outcome,
            jobId: entry.jobId ?? null,
            message: entry.message,
            ...(input.reason ? { reason: input.reason } : {}),
          },
          actor: input.actorId,
          at: entry.at,
        },
      ]);
    })();
  }

  private badge(ok: boolean, message: string, simulated: boolean): void {
    this.ws.devices.report('printer', { state: ok ? 'ready' : 'error', message, simulated });
  }
}
