import type { SyncStatusView } from '../shared/api/sync';
import type { WorkstationConfig } from '../shared/api/settings';
import { AppError } from '../shared/api/errors';
import { applyPlatformCalendars } from './calendar/platform-calendar';
import type { HallService } from './hall/hall-service';
import { log } from './log';
import { caseSyncState, outboxCounts, parkedEvents, type ParkedEvent, type CaseSyncState } from './sync/outbox';
import { createSyncService, type SyncService } from './sync/service';
import type { CaseHost } from './cases/case-host';
import type { BlobStore } from './store/blobs';

const NOT_CONFIGURED: SyncStatusView = {
  configured: false,
  state: 'not-configured',
  online: null,
  queued: 0,
  sending: 0,
  sent: 0,
  parked: 0,
  lastError: null,
  lastSuccessAt: null,
  lastPullAt: null,
  clockSkewMs: null,
  clockWarning: null,
};

/**
 * Runs the sync relay when the platform is configured, restarting it when the credentials
 * change. Without a platform the workstation works on: events simply stay queued.
 */
export class SyncRunner {
  private service: SyncService | null = null;
  private key = '';
  private off: (() => void) | null = null;

  constructor(private readonly ws: CaseHost & { readonly blobs: BlobStore; readonly hall: HallService }) {}

  async apply(config: WorkstationConfig): Promise<void> {
    const { url, workstationId, secret } = config.platform;
    const key = url && workstationId && secret ? JSON.stringify([url, workstationId, secret]) : '';
    if (key === this.key) return;
    this.key = key;
    await this.stop();
    if (!key) {
      this.ws.bus.emit('sync.status', this.status());
      return;
    }
    try {
      this.service = createSyncService({
        db: this.ws.db,
        blobs: this.ws.blobs,
        config: { platform: { url: url!, workstationId: workstationId!, secret: secret! } },
        ...this.ws.hall.hooks(),
      });
    } catch (err) {
      log.error('sync config refused', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    let lastPull: string | null = null;
    this.off = this.service.on('status', (s) => {
      // After each pull a newer holiday notice may have arrived: rebuild the case calendar.
      if (s.lastPullAt !== lastPull) {
        lastPull = s.lastPullAt;
        applyPlatformCalendars(this.ws, this.ws.db);
      }
      this.ws.bus.emit('sync.status', this.status());
    });
    this.service.start();
    this.ws.hall.attach(this.service);
  }

  status(): SyncStatusView {
    if (!this.service) {
      const c = outboxCounts(this.ws.db);
      return { ...NOT_CONFIGURED, queued: c.queued, parked: c.parked, sent: c.sent };
    }
    return { configured: true, ...this.service.status() };
  }

  wake(): SyncStatusView {
    this.service?.wake();
    return this.status();
  }

  parked(): ParkedEvent[] {
    return parkedEvents(this.ws.db);
  }

  retry(eventId?: string): number {
    if (!this.service) throw new AppError('DEVICE_NOT_CONFIGURED', '尚未配置中心平台：请在工位设置中填写平台地址、工位编号和密钥');
    return this.service.retryParked(eventId);
  }

  /**
   * Asks the platform to publish a holder's e-licences to this window and waits (at most
   * `waitMs`) for the pull that brings them, so the clerk sees them on the same screen.
   */
  async requestElicences(holderId: string, waitMs = 8000): Promise<{ asked: boolean; problem: string | null }> {
    const service = this.service;
    if (!service) return { asked: false, problem: null };
    const before = service.status().lastPullAt;
    let off: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const pulled = new Promise<void>((resolve) => {
      off = service.on('status', (s) => {
        if (s.lastPullAt !== before) resolve();
      });
      timer = setTimeout(resolve, waitMs);
    });
    try {
      await service.requestElicences(holderId);
      await pulled;
      return { asked: true, problem: null };
    } catch (err) {
      log.warn('e-licence request failed', { error: err instanceof Error ? err.message : String(err) });
      return { asked: false, problem: '中心平台暂时连不上，先显示本机已有的电子证照；联网后可再查询' };
    } finally {
      off();
      clearTimeout(timer);
    }
  }

  caseState(stream: string): CaseSyncState {
    return caseSyncState(this.ws.db, stream);
  }

  async stop(): Promise<void> {
    this.off?.();
    this.off = null;
    this.ws.hall.detach();
    const s = this.service;
    this.service = null;
    if (s) await s.stop();
  }
}
