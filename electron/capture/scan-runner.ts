import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CapturedBlob, ScanProgress, ScannersView, ScanRequest } from '../../shared/api/capture';
import { AppError } from '../../shared/api/errors';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { pagesToPdf, ScanInterruptedError, type ScannedPage } from '../devices/scanner';
import type { WorkstationConfig } from '../../shared/api/settings';
import type { DeviceManager } from '../devices/device-manager';
import type { EventBus } from '../event-bus';
import type { BlobStore } from '../store/blobs';
import { encodeScannedPage, type EncodedPage } from './encoding';
import { scannerFromSettings, type ScannerContext } from './scanner-from-settings';

type Request = z.output<typeof ScanRequest>;
interface RunnerHost {
  readonly bus: EventBus;
  readonly blobs: BlobStore;
  readonly devices: DeviceManager;
  config(): WorkstationConfig;
}

interface ScanSession {
  id: string;
  materialCode: string;
  /** As scanned (thumbnails, continued scans), with the page's stored encoding once chosen. */
  pages: (ScannedPage & { encoded?: EncodedPage })[];
  running: boolean;
  controller: AbortController;
  /** Settles when the background scan has emitted its last event. */
  done: Promise<void>;
}

/** Sessions kept for capture.finish; older ones are dropped (their pages were assembled or abandoned). */
const KEEP_SESSIONS = 20;

const SOURCE_NAMES = { flatbed: 'Flatbed', feeder: 'Automatic Document Feeder', duplex: 'Automatic Document Feeder' } as const;
/** Drivers whose configured `device` names the scanner (the simulator has only one). */
const NAMED_DEVICE = new Set(['sane', 'escl', 'wia']);

/**
 * Background scans with progress. Each page is announced with a thumbnail as it lands; the
 * batch ends as one PDF blob for the material. When the scanner fails mid-batch the pages
 * already captured stay here: capture.finish assembles them, or a continued scan adds the rest.
 */
export class ScanRunner {
  private readonly sessions = new Map<string, ScanSession>();

  constructor(
    private readonly ws: RunnerHost,
    private readonly ctx: ScannerContext = {},
  ) {}

  async scanners(): Promise<z.output<typeof ScannersView>> {
    const c = this.ws.config().devices.scanner;
    const base = { driver: c.driver, ...(c.device ? { configured: c.device } : {}), defaults: { resolution: c.resolution, mode: c.mode } };
    if (c.driver === 'none') return { ...base, devices: [] };
    try {
      const devices = await scannerFromSettings(this.ws.config(), this.ctx).list();
      this.badge(devices.length > 0, devices.length > 0 ? '就绪' : '未找到扫描仪，请检查电源和连接线');
      return { ...base, devices };
    } catch (e) {
      this.badge(false, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  start(req: Request): string {
    const scanner = scannerFromSettings(this.ws.config(), this.ctx);
    let session: ScanSession;
    if (req.continueScanId) {
      const prev = this.sessions.get(req.continueScanId);
      if (!prev) throw new AppError('NOT_FOUND', '要继续的扫描已过期，请重新扫描这份材料');
      if (prev.running) throw new AppError('CONFLICT', '上一次扫描尚未结束，请稍候或先取消');
      session = { ...prev, running: true, controller: new AbortController() };
    } else {
      session = {
        id: randomUUID(),
        materialCode: req.materialCode,
        pages: [],
        running: true,
        controller: new AbortController(),
        done: Promise.resolve(),
      };
    }
    this.remember(session);
    const settings = this.ws.config().devices.scanner;
    const offset = session.pages.length;
    const total = offset + req.pages;
    this.emit({ scanId: session.id, kind: 'started', total });
    let announced: Promise<void> = Promise.resolve();
    const onPage = (page: ScannedPage) => {
      const numbered: ScannedPage & { encoded?: EncodedPage } = { ...page, index: offset + page.index };
      session.pages.push(numbered);
      announced = announced
        .then(() => {
          this.emit({ scanId: session.id, kind: 'page', page: numbered.index, total, thumbnail: '' });
        })
        // Encode each page while the scanner feeds the next, so the batch's PDF assembles at once.
        .then(() => yieldToEvents())
        .then(() => {
          numbered.encoded = encodeScannedPage(numbered).page;
        });
    };
    const run = async () => {
      try {
        const batch = await scanner.scan(
          {
            ...(settings.device && NAMED_DEVICE.has(settings.driver) ? { device: settings.device } : {}),
            resolution: req.resolution,
            mode: req.mode,
            source: SOURCE_NAMES[req.source],
            ...(req.source === 'duplex' ? { duplex: true } : {}),
            // A flatbed holds one sheet: further pages are continued scans, one per sheet.
            pages: req.source === 'flatbed' ? 1 : req.pages,
          },
          { signal: session.controller.signal, onPage },
        );
        await announced;
        if (batch.cancelled) {
          this.emit({ scanId: session.id, kind: 'cancelled', kept: session.pages.length });
          return;
        }
        if (session.pages.length === 0) throw new AppError('DEVICE', '扫描仪没有送出任何页面，请检查文件是否放好后重新扫描');
        const blob = await this.assemble(session);
        this.badge(true, '就绪');
        this.emit({ scanId: session.id, kind: 'done', blob });
      } catch (e) {
        await announced;
        // The driver hands back what it captured before failing; keep those pages.
        if (e instanceof ScanInterruptedError) {
          const known = new Set(session.pages.map((p) => p.bytes));
          for (const p of e.pages) if (!known.has(p.bytes)) session.pages.push({ ...p, index: session.pages.length + 1 });
        }
        const err =
          e instanceof AppError
            ? e
            : new AppError('DEVICE', `扫描失败（${e instanceof Error ? e.message : String(e)}），请检查扫描仪后重试`);
        this.badge(false, err.message);
        this.emit({ scanId: session.id, kind: 'failed', code: err.code, message: err.message, kept: session.pages.length });
      } finally {
        session.running = false;
      }
    };
    session.done = run();
    return session.id;
  }

  cancel(scanId: string): void {
    const s = this.sessions.get(scanId);
    if (!s) throw new AppError('NOT_FOUND', '找不到这次扫描，可能已经结束');
    s.controller.abort();
  }

  /** Assembles the kept pages of a failed or cancelled scan (or returns the finished PDF). */
  async finish(scanId: string): Promise<CapturedBlob> {
    const s = this.sessions.get(scanId);
    if (!s) throw new AppError('NOT_FOUND', '找不到这次扫描，可能已过期，请重新扫描');
    if (s.running) throw new AppError('CONFLICT', '扫描仍在进行，请等待结束或先取消');
    if (s.pages.length === 0) throw new AppError('VALIDATION', '这次扫描没有保留任何页面，请重新扫描');
    return this.assemble(s);
  }

  /** A page as scanned; the renderer scales it for the thumbnail strip. */
  pageImage(scanId: string, page: number): { mime: 'image/jpeg' | 'image/png'; dataBase64: string } {
    const p = this.sessions.get(scanId)?.pages.find((x) => x.index === page);
    if (!p) throw new AppError('NOT_FOUND', '找不到这一页扫描图像，可能扫描已过期，请重新扫描');
    return { mime: p.format === 'jpeg' ? 'image/jpeg' : 'image/png', dataBase64: Buffer.from(p.bytes).toString('base64') };
  }

  /** For tests and shutdown: waits until a scan has emitted its final event. */
  async settled(scanId: string): Promise<void> {
    await this.sessions.get(scanId)?.done;
  }

  stopAll(): void {
    for (const s of this.sessions.values()) if (s.running) s.controller.abort();
  }

  private async assemble(s: ScanSession): Promise<CapturedBlob> {
    const pdf = await pagesToPdf(s.pages, { title: s.materialCode });
    const ref = this.ws.blobs.put(pdf, 'application/pdf');
    return { sha256: ref.sha256, size: ref.size, mime: 'application/pdf', pages: s.pages.length };
  }

  private remember(s: ScanSession): void {
    this.sessions.delete(s.id);
    this.sessions.set(s.id, s);
    while (this.sessions.size > KEEP_SESSIONS) {
      const oldest = [...this.sessions.values()].find((x) => !x.running);
      if (!oldest) break;
      this.sessions.delete(oldest.id);
    }
  }

  private emit(p: ScanProgress): void {
    this.ws.bus.emit('capture.progress', p);
  }

  private badge(ok: boolean, message: string): void {
    const driver = this.ws.config().devices.scanner.driver;
    if (driver === 'none') return;
    this.ws.devices.report('scanner', { state: ok ? 'ready' : 'error', message, simulated: driver === 'simulator' });
  }
}
