import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HallStatusView, WorklistRow } from '../../shared/api/hall';
import { AppError } from '../../shared/api/errors';
import { boardPage, statisticsResult, type BoardPage, type StatisticsResult, type StatDimension } from '../../shared/protocol/board';
import { HALL_CODES, hallHello } from '../../shared/protocol/enrolment';
import {
  handoverResult,
  hallWindows,
  projectLibraryItem,
  projectRequestResult,
  routedCaseData,
  type HallWindow,
} from '../../shared/protocol/feed';
import { checkProjectCode } from '../../shared/domain/identifiers';
import type { Actor } from '../cases/actor';
import { log } from '../log';
import { appendEvents } from '../store/journal';
import { PlatformRefusal, PlatformUnreachable, type PlatformClient } from '../sync/client';
import { retryParked } from '../sync/outbox';
import { REVOKED_MESSAGE, type SyncService, type SyncServiceDeps } from '../sync/service';
import type { FeedItem } from '../sync/wire';
import type { CaseHost } from '../cases/case-host';
import type { BlobStore } from '../store/blobs';
import type { SettingsStore } from '../settings/settings-store';

/** What the hall side needs of the workstation: the store, the bus, the clock and the settings. */
export type HallHost = CaseHost & {
  readonly blobs: BlobStore;
  readonly settings: SettingsStore;
  /** The catalog versions this window holds, parsed once (licence types of the hall's e-licences). */
  readonly acceptance: { readonly catalogs: { readonly shelf: CatalogShelf } };
};
import { clearRevoked, hallAssignment, markRevoked, updateAssignment } from './assignment';
import { applyEnrolment, normaliseHallUrl, requestEnrolment, type EnrolFetch } from './enrolment';
import { fetchMissingBlobs, queueBlobFetches } from './blob-fetch';
import { openPushChannel, type PushChannel } from './push';
import { replicateEvents } from './replicate';
import { rememberWindows, unnamedSenders } from './window-names';
import { licenceTypeForHallLicence } from './licence-type';
import type { CatalogShelf } from '../catalog';

type HallHooks = Required<Pick<SyncServiceDeps, 'onRefused' | 'applyFeedItem' | 'onFeedApplied'>>;

/**
 * The workstation side of the hall (issue 13): enrolment, the window's role, the cases routed
 * here (replicated into this window's projections), project pulls, hand-over, the push channel
 * and the hall-wide board. Rides on the sync relay: the same signed client, the same feed.
 */
export class HallService {
  private service: SyncService | null = null;
  private push: PushChannel | null = null;
  private offBus: (() => void) | null = null;
  private pushConnected = false;
  private touched = new Set<string>();
  private fetching: Promise<void> | null = null;
  private naming: Promise<void> | null = null;

  constructor(
    private readonly ws: HallHost,
    private readonly enrolFetch?: EnrolFetch,
  ) {}

  status(): HallStatusView {
    const a = hallAssignment(this.ws.db);
    const platform = this.ws.config().platform;
    const enrolled = a !== null && platform.url === a.hallUrl && platform.workstationId === a.workstationId;
    return {
      enrolled,
      hallUrl: a?.hallUrl ?? null,
      workstationId: a?.workstationId ?? null,
      hallName: a?.hallName ?? null,
      windowName: a?.windowName ?? null,
      role: enrolled ? (a?.role ?? null) : null,
      department: enrolled ? (a?.department ?? null) : null,
      revoked: a?.revokedAt ? REVOKED_MESSAGE : null,
      pushConnected: this.pushConnected,
    };
  }

  async enrol(rawUrl: string, code: string, actor: Actor | null): Promise<HallStatusView> {
    const url = normaliseHallUrl(rawUrl);
    const answer = await requestEnrolment(url, code, this.enrolFetch);
    applyEnrolment(this.ws.db, this.ws.settings, url, answer, actor?.id ?? 'provision', this.ws.now().toISOString());
    // Refusals of the platform the window used before (a case "held by another window",
    // POSITION_TAKEN) are judged afresh by the hall, where each window numbers its own events.
    retryParked(this.ws.db);
    // The relay restarts on the new credentials (start-devices listens for this).
    this.ws.bus.emit('settings.changed', {});
    this.changed([]);
    return this.status();
  }

  /** Hooks the relay calls: refusals, hall feed items (inside the page transaction), after a page. */
  hooks(): HallHooks {
    return {
      onRefused: (err) => {
        if (err.status === 401 && err.code === HALL_CODES.revoked) {
          markRevoked(this.ws.db, this.ws.now().toISOString());
          this.changed([]);
        }
      },
      applyFeedItem: (item) => this.applyFeedItem(item),
      onFeedApplied: () => {
        const ids = [...this.touched];
        this.touched.clear();
        if (ids.length > 0) this.ws.bus.emit('cases.changed', { caseIds: ids });
        this.changed(ids);
        this.fetchBlobs();
        // Case history names the window each replicated event came from.
        if (unnamedSenders(this.ws.db).length > 0) this.refreshWindowNames();
      },
    };
  }

  /** The relay started on hall credentials: learn the current role and open the push channel. */
  attach(service: SyncService): void {
    this.detach();
    this.service = service;
    const client = service.client;
    // Work done here reaches the platform at once (the relay would otherwise wait for its idle
    // poll), so the back office sees an acceptance within the 2 s the hall promises.
    this.offBus = this.ws.bus.subscribe((event) => {
      if (event === 'cases.changed') service.wake();
    });
    // A protocol v1 platform has no roles and no push channel: only an enrolled hall gets them.
    if (!this.status().enrolled) return;
    void this.hello(client);
    this.refreshWindowNames();
    this.push = openPushChannel({
      url: `${client.baseUrl}/v1/feed/stream`,
      headers: () => client.signedHeaders('GET', '/v1/feed/stream'),
      onPull: () => service.wake(),
      onState: (connected) => {
        if (connected === this.pushConnected) return;
        this.pushConnected = connected;
        this.changed([]);
      },
    });
    this.fetchBlobs();
  }

  detach(): void {
    this.offBus?.();
    this.offBus = null;
    this.push?.stop();
    this.push = null;
    this.service = null;
    this.pushConnected = false;
  }

  worklist(open: boolean): WorklistRow[] {
    const rows = this.ws.db
      .prepare(
        `SELECT r.case_id AS caseId, COALESCE(c.case_number, r.case_number) AS caseNumber, COALESCE(c.item_name, r.item_name) AS itemName,
           COALESCE(c.department, r.department) AS department, r.reason, c.status, r.accepted_by AS acceptedBy,
           r.from_workstation AS fromWorkstation, aw.window_name AS acceptedByName, fw.window_name AS fromWindowName,
           r.note, r.routed_at AS routedAt, r.problem
         FROM hall_routes r LEFT JOIN item_cases c ON c.id = r.case_id
           LEFT JOIN hall_windows aw ON aw.workstation_id = r.accepted_by
           LEFT JOIN hall_windows fw ON fw.workstation_id = r.from_workstation
         ORDER BY r.routed_at DESC, r.case_id`,
      )
      .all() as WorklistRow[];
    if (!open) return rows;
    // Open work: what this window's role still has to do with the case.
    return rows.filter((r) => {
      if (r.status === null) return true;
      if (r.reason === 'review')
        return ['accepted', 'deficiency', 'correction', 'special-procedure', 'suspended', 'decided'].includes(r.status);
      if (r.reason === 'issue') return r.status === 'signed' || r.status === 'decided';
      if (r.reason === 'hand-over') return !['issued', 'denied', 'rejected', 'withdrawn', 'returned'].includes(r.status);
      return false;
    });
  }

  /**
   * Asks the hall for everything it holds of a project and waits (at most `waitMs`) for the pull
   * that brings it, so a clerk at window 12 sees what window 3 received, on the same screen.
   */
  async pullProject(
    projectCode: string,
    waitMs: number,
  ): Promise<{ asked: boolean; cases: number; materials: number; problem: string | null }> {
    const service = this.service;
    const counts = () => this.projectCounts(projectCode);
    if (!service)
      return { asked: false, ...counts(), problem: this.status().enrolled ? '大厅服务器暂时连不上，先使用本机已有的项目材料' : null };
    const before = this.libraryVersion(projectCode);
    const pulledBefore = service.status().lastPullAt;
    try {
      await service.client.call('POST', '/v1/project-requests', projectRequestResult, { projectCode });
    } catch (err) {
      return { asked: false, ...counts(), problem: problemOf(err, '大厅服务器暂时连不上，先使用本机已有的项目材料；联网后可再获取') };
    }
    service.wake();
    const deadline = Date.now() + waitMs;
    // The hall publishes before it answers: the next completed pull brings the library (or finds
    // it unchanged, the version already applied).
    while (Date.now() < deadline && this.libraryVersion(projectCode) === before && service.status().lastPullAt === pulledBefore)
      await new Promise((r) => setTimeout(r, 50));
    if (this.fetching) await Promise.race([this.fetching, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    return { asked: true, ...counts(), problem: null };
  }

  /**
   * Before the acceptance screen looks a project up by its full 项目代码: bring what the hall
   * holds of it (stage 1 at window 3 is reusable at window 12). Bounded and silent: offline, the
   * window goes on with what it holds.
   */
  async beforeProjectLookup(query: string): Promise<void> {
    const code = query.trim();
    if (!this.service || !checkProjectCode(code).ok) return;
    try {
      await this.pullProject(code, 3_000);
    } catch (err) {
      log.warn('project pull before lookup failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async windows(): Promise<HallWindow[]> {
    const client = this.requireClient();
    try {
      const { windows } = await client.call('GET', '/v1/windows', hallWindows);
      rememberWindows(this.ws.db, windows, this.ws.now().toISOString());
      return windows.filter((w) => w.workstationId !== this.ws.config().platform.workstationId);
    } catch (err) {
      throw new AppError('PLATFORM', problemOf(err, '大厅服务器暂时连不上，无法列出窗口；请稍后再试'));
    }
  }

  /** Hands a case to another window: asked of the hall (idempotent by id), then journaled here. */
  async handOver(caseId: string, toWorkstation: string, note: string | null, actor: Actor): Promise<{ holder: string; handedAt: string }> {
    const client = this.requireClient();
    const c = this.ws.db.prepare('SELECT case_number AS caseNumber FROM item_cases WHERE id = ?').get(caseId) as
      { caseNumber: string } | undefined;
    if (!c) throw new AppError('NOT_FOUND', '找不到该办件，请核对后重试');
    const handoverId = randomUUID();
    let result;
    try {
      result = await client.call('POST', '/v1/handovers', handoverResult, { handoverId, caseId, toWorkstation, note });
    } catch (err) {
      if (err instanceof PlatformRefusal && err.code === HALL_CODES.notHolder) {
        throw new AppError('CONFLICT', '该办件目前不由本窗口持有，不能移交；请由持有该办件的窗口移交，或联系大厅管理员');
      }
      if (err instanceof PlatformRefusal && err.code === HALL_CODES.notFound) {
        throw new AppError('CONFLICT', '大厅服务器上还没有这个办件（本窗口尚未上传完）：请稍候片刻再移交，可在“平台同步”中点“立即同步”');
      }
      throw new AppError('PLATFORM', problemOf(err, '大厅服务器暂时连不上，移交未完成；请稍后再试（办件仍由本窗口持有）'));
    }
    const at = this.ws.now().toISOString();
    this.ws.db.transaction(() => {
      appendEvents(this.ws.db, [
        {
          stream: `case:${caseId}`,
          type: 'case.handed-over',
          payload: { caseId, caseNumber: c.caseNumber, handoverId, toWorkstation, note },
          actor: actor.id,
          at,
        },
      ]);
      this.ws.db.prepare('UPDATE hall_routes SET holder = ? WHERE case_id = ?').run(result.holder, caseId);
    })();
    this.ws.bus.emit('cases.changed', { caseIds: [caseId] });
    this.changed([caseId]);
    return { holder: result.holder, handedAt: result.handedAt };
  }

  async board(q: {
    after?: string | undefined;
    limit: number;
    department?: string | undefined;
    status?: string | undefined;
  }): Promise<BoardPage> {
    const params = new URLSearchParams({ limit: String(q.limit) });
    if (q.after) params.set('after', q.after);
    if (q.department) params.set('department', q.department);
    if (q.status) params.set('status', q.status);
    return this.hallRead(`/v1/board?${params.toString()}`, boardPage);
  }

  async statistics(q: { from: string; to: string; by: StatDimension }): Promise<StatisticsResult> {
    return this.hallRead(`/v1/statistics?${new URLSearchParams(q).toString()}`, statisticsResult);
  }

  private async hallRead<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const client = this.requireClient();
    try {
      return await client.call('GET', path, schema);
    } catch (err) {
      if (err instanceof PlatformRefusal && err.status === 403)
        throw new AppError('FORBIDDEN', '大厅只向部门后台窗口提供全大厅督办和统计；本窗口不是部门后台');
      throw new AppError('PLATFORM', problemOf(err, '大厅服务器暂时连不上，无法显示全大厅数据；请稍后再试'));
    }
  }

  private requireClient(): PlatformClient {
    if (!this.service) {
      throw new AppError(
        'DEVICE_NOT_CONFIGURED',
        this.status().enrolled ? '大厅连接尚未就绪，请稍候再试' : '本工位尚未登记到大厅：请系统管理员在“工位设置”中用登记码登记',
      );
    }
    return this.service.client;
  }

  private async hello(client: PlatformClient): Promise<void> {
    try {
      const h = await client.call('GET', '/v1/hello', hallHello);
      clearRevoked(this.ws.db);
      if (updateAssignment(this.ws.db, { windowName: h.windowName, role: h.role, department: h.department }, this.ws.now().toISOString()))
        this.changed([]);
    } catch (err) {
      if (err instanceof PlatformRefusal && err.code === HALL_CODES.revoked) {
        markRevoked(this.ws.db, this.ws.now().toISOString());
        this.changed([]);
      }
      // A protocol v1 platform (not a hall) or offline: the stored assignment stands.
    }
  }

  private applyFeedItem(item: FeedItem): void {
    const db = this.ws.db;
    const at = this.ws.now().toISOString();
    if (item.kind === 'routed-case') {
      const parsed = routedCaseData.safeParse(item.data);
      if (!parsed.success) return;
      const d = parsed.data;
      db.prepare(
        `INSERT INTO hall_routes (case_id, reason, route_id, case_number, item_name, department, accepted_by, holder, from_workstation, note, routed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET reason = CASE WHEN excluded.reason = 'decided' AND hall_routes.reason <> 'decided' THEN hall_routes.reason ELSE excluded.reason END,
           route_id = excluded.route_id, case_number = excluded.case_number, item_name = excluded.item_name, department = excluded.department,
           accepted_by = excluded.accepted_by, holder = excluded.holder, from_workstation = excluded.from_workstation, note = excluded.note, routed_at = excluded.routed_at`,
      ).run(
        item.caseId,
        d.reason,
        d.routeId,
        d.caseNumber,
        d.itemName,
        d.department,
        d.acceptedBy,
        d.holder,
        d.fromWorkstation,
        d.note,
        item.routedAt,
      );
      this.replicate(d.events, item.caseId, at);
    } else if (item.kind === 'project-library') {
      const parsed = projectLibraryItem.safeParse(item);
      if (!parsed.success) return;
      const held = db.prepare('SELECT version FROM hall_project_libraries WHERE project_code = ?').get(item.projectCode) as
        { version: number } | undefined;
      if (held && held.version >= item.version) return;
      db.prepare(
        'INSERT INTO hall_project_libraries (project_code, version, data, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (project_code) DO UPDATE SET version = excluded.version, data = excluded.data, received_at = excluded.received_at',
      ).run(item.projectCode, item.version, JSON.stringify({ cases: item.cases, materials: item.materials, licences: item.licences }), at);
      this.replicate(item.events, null, at);
      this.keepLicences(item.projectCode, item.licences, item.cases, at);
      // Materials the library lists by blob: fetched even when their events did not come.
      queueBlobFetches(
        db,
        item.materials.flatMap((m) => m.blobRefs),
        at,
      );
    } else if (item.kind === 'window-assignment') {
      updateAssignment(db, { windowName: item.windowName, role: item.role, department: item.department }, at);
    }
  }

  /**
   * E-licences the project's results became (issued at any window), kept with the builder as
   * holder and typed as the catalog types the item's result, so this window's checklist offers
   * them like the platform's e-licence library does.
   */
  private keepLicences(
    projectCode: string,
    licences: readonly {
      identifier: string;
      licenceType: string | null;
      validUntil: string | null;
      documentNumber: string | null;
      caseId: string | null;
    }[],
    cases: readonly { caseId: string; itemCode: string | null }[],
    at: string,
  ): void {
    const holder = (
      this.ws.db.prepare('SELECT builder_uscc AS uscc FROM projects WHERE code = ?').get(projectCode) as { uscc: string | null } | undefined
    )?.uscc;
    if (!holder) return;
    const upsert = this.ws.db.prepare(
      `INSERT INTO platform_elicences (identifier, holder_id, licence_type, valid_until, data, received_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (identifier) DO UPDATE SET holder_id = excluded.holder_id, licence_type = excluded.licence_type, valid_until = excluded.valid_until, data = excluded.data, received_at = excluded.received_at`,
    );
    for (const l of licences) {
      const licenceType = licenceTypeForHallLicence(this.ws.db, this.ws.acceptance.catalogs.shelf, l, cases);
      if (!licenceType) continue;
      upsert.run(
        l.identifier,
        holder,
        licenceType,
        l.validUntil,
        JSON.stringify({ documentNumber: l.documentNumber, caseId: l.caseId, projectCode, source: 'hall' }),
        at,
      );
    }
  }

  /** One routed case or library: a failure is noted on the route, never stops the feed. */
  private replicate(events: Parameters<typeof replicateEvents>[1], routeCaseId: string | null, at: string): void {
    try {
      const out = replicateEvents(this.ws, events);
      out.caseIds.forEach((id) => this.touched.add(id));
      if (out.refused.length > 0)
        log.warn('hall replication: events whose content does not match their hash were not applied', {
          events: out.refused.map((r) => `${r.type} ${r.id}`),
        });
      if (routeCaseId) {
        this.touched.add(routeCaseId);
        const problem =
          out.refused.length > 0 ? '该办件有数据在传输中被改动、与其校验值不符，未载入本机；请联系信息科核对大厅服务器' : null;
        this.ws.db.prepare('UPDATE hall_routes SET applied_at = ?, problem = ? WHERE case_id = ?').run(at, problem, routeCaseId);
      }
      queueBlobFetches(this.ws.db, out.missingBlobs, at);
    } catch (err) {
      log.error('hall replication failed', { error: err instanceof Error ? err.message : String(err) });
      if (routeCaseId) {
        this.ws.db
          .prepare('UPDATE hall_routes SET problem = ? WHERE case_id = ?')
          .run('该办件的数据未能载入本机（数据不完整或版本不符），请联系信息科；大厅服务器上的办件不受影响', routeCaseId);
      }
    }
  }

  /** The hall's windows by id, kept for history offline; best effort (the next feed page retries). */
  private refreshWindowNames(): void {
    const client = this.service?.client;
    if (!client || this.naming) return;
    const unnamed = unnamedSenders(this.ws.db);
    this.naming = client
      .call('GET', '/v1/windows', hallWindows)
      .then(({ windows }) => {
        rememberWindows(this.ws.db, windows, this.ws.now().toISOString());
        // Case pages whose history showed these senders as 其他窗口 re-read it with the names.
        const now = new Set(unnamedSenders(this.ws.db));
        const named = unnamed.filter((id) => !now.has(id));
        if (named.length === 0) return;
        this.changed([]); // the worklist's 来自… column
        const caseIds = (
          this.ws.db
            .prepare(
              `SELECT DISTINCT substr(stream, 6) AS id FROM hall_replicated_events
                WHERE stream LIKE 'case:%' AND workstation_id IN (SELECT value FROM json_each(?))`,
            )
            .all(JSON.stringify(named)) as { id: string }[]
        ).map((r) => r.id);
        if (caseIds.length > 0) this.ws.bus.emit('cases.changed', { caseIds });
      })
      .catch((err: unknown) => log.warn('hall window names not refreshed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.naming = null;
      });
  }

  private fetchBlobs(): void {
    const client = this.service?.client;
    if (!client || this.fetching) return;
    this.fetching = fetchMissingBlobs(this.ws.db, this.ws.blobs, client, () => this.ws.now().toISOString())
      .catch((err: unknown) => log.warn('hall blob fetch failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.fetching = null;
      });
  }

  private libraryVersion(projectCode: string): number {
    return (
      (
        this.ws.db.prepare('SELECT version FROM hall_project_libraries WHERE project_code = ?').get(projectCode) as
          { version: number } | undefined
      )?.version ?? 0
    );
  }

  private projectCounts(projectCode: string): { cases: number; materials: number } {
    const db = this.ws.db;
    const cases = db
      .prepare('SELECT COUNT(*) AS n FROM item_cases c JOIN projects p ON p.id = c.project_id WHERE p.code = ?')
      .get(projectCode) as { n: number };
    const materials = db
      .prepare(
        'SELECT COUNT(*) AS n FROM project_materials m JOIN projects p ON p.id = m.project_id WHERE p.code = ? AND m.withdrawn_at IS NULL',
      )
      .get(projectCode) as { n: number };
    return { cases: cases.n, materials: materials.n };
  }

  private changed(caseIds: string[]): void {
    this.ws.bus.emit('hall.changed', { caseIds });
  }
}

function problemOf(err: unknown, offline: string): string {
  if (err instanceof PlatformRefusal && err.code === HALL_CODES.revoked) return REVOKED_MESSAGE;
  if (err instanceof PlatformUnreachable) return offline;
  if (err instanceof PlatformRefusal) return `大厅服务器拒绝了请求（${err.code}：${err.message}）`;
  return offline;
}
