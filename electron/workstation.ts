import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkstationConfig } from '../shared/api/settings';
import { AcceptanceService, type AcceptanceOptions } from './acceptance/service';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import type { CoreServices, HostKind } from './api/services';
import { startJournalAnchor } from './audit/anchor';
import { refreshWorkstationCalendar } from './calendar/recompute';
import { ScanRunner } from './capture/scan-runner';
import type { ScannerContext } from './capture/scanner-from-settings';
import { CaseCalendar } from './cases/case-calendar';
import { sweepDeficiencies } from './cases/deficiency-sweep';
import { clockFollowing, createClock, type WorkstationClock } from './clock';
import { DeviceManager } from './devices/device-manager';
import { IdCardService } from './devices/idcard-service';
import type { ElectronPrintBridge } from './devices/printer';
import { EventBus } from './event-bus';
import { log } from './log';
import { PrintRunner } from './printing/print-runner';
import { SessionService } from './session/session-service';
import { UserRepository } from './session/users';
import { SettingsStore } from './settings/settings-store';
import { cancelSigningWhenSessionEnds } from './signing';
import { SigningService } from './signing/signing-service';
import { BlobStore } from './store/blobs';
import { openDatabase, type Db } from './store/database';
import { watchIntegrity } from './store/integrity-watch';
import { DataDirLock } from './store/lock';
import { SyncRunner } from './sync-runner';
import { HallService } from './hall/hall-service';

export type { HostKind } from './api/services';

export interface WorkstationOptions {
  dataDir: string;
  hostKind: HostKind;
  /** Skip the one-process lock (the CLI reads a running workstation's store read-mostly). */
  noLock?: boolean;
  /** The workstation's clock (a host's `--clock`/`--test-clock`); default: the machine's. */
  clock?: WorkstationClock;
  /** Tests: a fixed or stepping time, never settable through the API. Ignored when `clock` is set. */
  now?: () => Date;
  /** Tests: SANE's private configuration (the `test` backend), eSCL browsing off. */
  scanner?: ScannerContext;
  /** Tests: the catalog directory and upload limit. */
  acceptance?: AcceptanceOptions;
  /** Electron's silent printing, relayed from the main process (the Electron core only). */
  electronPrint?: ElectronPrintBridge;
  /** ONEWINDOW_INTEGRITY_INTERVAL_MS: IT (and tests) may check more often than every 6 hours. */
  integrityIntervalMs?: number;
}

/** 容缺 cases past their deadline are checked at start and hourly: the rule works on dates. */
const SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * The composition root: one data directory -> every service, for every entry point (the core
 * process of both hosts, the CLI, tests). Each service is a readonly field, built in the order it
 * depends on the ones above it; `start()` and `stop()` are the only places anything begins or ends.
 */
export class Workstation implements CoreServices {
  readonly dataDir: string;
  readonly hostKind: HostKind;
  readonly clock: WorkstationClock;
  readonly db: Db;
  readonly bus = new EventBus();
  readonly settings: SettingsStore;
  readonly blobs: BlobStore;
  readonly calendar: CaseCalendar;
  readonly users: UserRepository;
  readonly session: SessionService;
  readonly devices: DeviceManager;
  readonly idcard: IdCardService;
  readonly signing: SigningService;
  readonly acceptance: AcceptanceService;
  readonly scans: ScanRunner;
  readonly printing: PrintRunner;
  /** This workstation as a window of a hall: role, routed work, hand-over (issue 13). */
  readonly hall: HallService;
  readonly sync: SyncRunner;
  readonly dispatch: Dispatch;

  private readonly lock: DataDirLock | undefined;
  private readonly integrityIntervalMs: number | undefined;
  /** What start() began, undone by stop()/close() in reverse order. */
  private readonly running: (() => void)[] = [];
  private storeStarted = false;
  private devicesStarted = false;
  private closed = false;

  constructor(opts: WorkstationOptions) {
    this.dataDir = opts.dataDir;
    this.hostKind = opts.hostKind;
    this.integrityIntervalMs = opts.integrityIntervalMs ?? (Number(process.env.ONEWINDOW_INTEGRITY_INTERVAL_MS) || undefined);
    this.clock = opts.clock ?? (opts.now ? clockFollowing(opts.now) : createClock());
    mkdirSync(opts.dataDir, { recursive: true });
    this.lock = opts.noLock ? undefined : DataDirLock.acquire(opts.dataDir);
    try {
      this.db = openDatabase(join(opts.dataDir, 'onewindow.db'));
    } catch (err) {
      this.lock?.release();
      throw err;
    }
    this.settings = new SettingsStore(this.db);
    this.blobs = new BlobStore(this.db, join(opts.dataDir, 'blobs'));
    this.calendar = CaseCalendar.ofStore(this.db);
    this.users = new UserRepository(this.db);
    this.session = new SessionService(
      this.users,
      this.bus,
      () => this.settings.get().idleLockMinutes,
      () => this.now().getTime(),
    );
    this.devices = new DeviceManager(this.bus, () => this.settings.get());
    this.idcard = new IdCardService(this);
    this.signing = new SigningService({ db: this.db, users: this.users, blobs: this.blobs, now: this.now });
    this.acceptance = new AcceptanceService(this, opts.acceptance);
    this.scans = new ScanRunner(this, opts.scanner);
    this.printing = new PrintRunner(this, opts.electronPrint);
    this.hall = new HallService(this);
    this.sync = new SyncRunner(this);
    this.dispatch = createDispatcher(createHandlers(this), this.session, { checkOutput: process.env.NODE_ENV !== 'production' });
    this.running.push(cancelSigningWhenSessionEnds(this.bus, this.signing));
    // Temp files of writes a kill interrupted; safe to sweep only while holding the lock.
    if (this.lock) this.blobs.sweepOrphanedTemps();
  }

  readonly now = (): Date => this.clock.now();
  readonly config = (): WorkstationConfig => this.settings.get();

  /**
   * The store's own upkeep, which every opener needs (the CLI too): the journal anchor follows the
   * head and, with the lock held, the case calendar is refreshed (a new release may ship next
   * year's notice: open deadlines move off the provisional year).
   */
  startStore(): void {
    if (this.storeStarted) return;
    this.storeStarted = true;
    const anchor = startJournalAnchor(this.db, this.dataDir, () => this.settings.get().platform.secret || null, this.now);
    this.running.push(() => anchor.stop());
    if (this.lock) refreshWorkstationCalendar(this, '程序内置的节假日日历已更新');
  }

  /** Everything a host runs: the store's upkeep, devices, the sync relay, the 容缺 sweep and the integrity watch. */
  start(): void {
    this.startStore();
    if (this.devicesStarted) return;
    this.devicesStarted = true;
    const apply = () => {
      this.idcard.apply(this.config().devices.idcard).catch((err: unknown) => log.error('idcard start failed', { error: errorText(err) }));
      this.sync.apply(this.config()).catch((err: unknown) => log.error('sync start failed', { error: errorText(err) }));
      this.devices.configurationChanged();
    };
    apply();
    this.running.push(
      this.bus.subscribe((event) => {
        if (event === 'settings.changed') apply();
      }),
    );
    const sweep = () => {
      try {
        sweepDeficiencies(this);
      } catch (err) {
        log.error('deficiency sweep failed', { error: errorText(err) });
      }
    };
    sweep();
    const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
    timer.unref();
    this.running.push(() => clearInterval(timer));
    this.running.push(watchIntegrity(this, this.integrityIntervalMs));
    this.running.push(() => this.scans.stopAll());
  }

  /** Stops what start() began (devices and sync first: they may still write), then closes the store. */
  async stop(): Promise<void> {
    if (this.closed) return;
    if (this.devicesStarted) {
      await this.idcard.stop();
      await this.sync.stop();
    }
    this.close();
  }

  /**
   * Synchronous end for openers that never started devices (CLI, tests): timers and
   * subscriptions end, unlocked signing keys are forgotten, the store closes and the lock goes.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const undo of this.running.reverse()) undo();
    this.signing.cancelAll();
    this.session.dispose();
    this.db.close();
    this.lock?.release();
  }
}

/** Opens a workstation with its store upkeep running (what the CLI and most tests want). */
export function openWorkstation(opts: WorkstationOptions): Workstation {
  const ws = new Workstation(opts);
  try {
    ws.startStore();
  } catch (err) {
    ws.close();
    throw err;
  }
  return ws;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
