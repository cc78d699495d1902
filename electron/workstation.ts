import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkstationConfig } from '../shared/api/settings';
import { createHandlers } from './api/handlers';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { DeviceManager } from './devices/device-manager';
import { IdCardService } from './devices/idcard-service';
import { SyncRunner } from './sync-runner';
import { HallService } from './hall/hall-service';
import { signingServiceFor } from './signing';
import { EventBus } from './event-bus';
import { SessionService } from './session/session-service';
import { UserRepository } from './session/users';
import { SettingsStore } from './settings/settings-store';
import { BlobStore } from './store/blobs';
import { startJournalAnchor } from './audit/anchor';
import { openDatabase, type Db } from './store/database';
import { DataDirLock } from './store/lock';
import { refreshWorkstationCalendar } from './calendar/recompute';

export type HostKind = 'electron' | 'browser-host';

export interface WorkstationOptions {
  dataDir: string;
  hostKind: HostKind;
  /** Skip the one-process lock (the CLI reads a running workstation's store read-mostly). */
  noLock?: boolean;
  now?: () => Date;
}

export interface Workstation {
  readonly dataDir: string;
  readonly hostKind: HostKind;
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly bus: EventBus;
  readonly users: UserRepository;
  readonly session: SessionService;
  readonly settings: SettingsStore;
  readonly devices: DeviceManager;
  readonly idcard: IdCardService;
  readonly sync: SyncRunner;
  /** This workstation as a window of a hall: role, routed work, hand-over (issue 13). */
  readonly hall: HallService;
  readonly dispatch: Dispatch;
  readonly now: () => Date;
  config(): WorkstationConfig;
  close(): void;
}

/** The composition root: one data directory -> every service, for all three entry points. */
export function openWorkstation(opts: WorkstationOptions): Workstation {
  mkdirSync(opts.dataDir, { recursive: true });
  const lock = opts.noLock ? undefined : DataDirLock.acquire(opts.dataDir);
  let db: Db;
  try {
    db = openDatabase(join(opts.dataDir, 'onewindow.db'));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const now = opts.now ?? (() => new Date());
  const bus = new EventBus();
  const settings = new SettingsStore(db);
  const users = new UserRepository(db);
  const session = new SessionService(users, bus, () => settings.get().idleLockMinutes, () => now().getTime());
  const devices = new DeviceManager(bus, () => settings.get());
  const blobs = new BlobStore(db, join(opts.dataDir, 'blobs'));
  const anchor = startJournalAnchor(db, opts.dataDir, () => settings.get().platform.secret || null, now);
  // Temp files of writes a kill interrupted; safe to sweep only while holding the lock.
  if (lock) blobs.sweepOrphanedTemps();

  const ws: Workstation = {
    dataDir: opts.dataDir,
    hostKind: opts.hostKind,
    db,
    blobs,
    bus,
    users,
    session,
    settings,
    devices,
    idcard: undefined as unknown as IdCardService,
    sync: undefined as unknown as SyncRunner,
    hall: undefined as unknown as HallService,
    now,
    dispatch: undefined as unknown as Dispatch,
    config: () => settings.get(),
    close() {
      signingServiceFor(ws).cancelAll();
      session.dispose();
      anchor.stop();
      db.close();
      lock?.release();
    },
  };
  (ws as { idcard: IdCardService }).idcard = new IdCardService(ws);
  (ws as { hall: HallService }).hall = new HallService(ws);
  (ws as { sync: SyncRunner }).sync = new SyncRunner(ws);
  // A new release may ship next year's notice: move open deadlines off the provisional year.
  if (!opts.noLock) refreshWorkstationCalendar(ws, '程序内置的节假日日历已更新');
  (ws as { dispatch: Dispatch }).dispatch = createDispatcher(createHandlers(ws), session, { checkOutput: process.env.NODE_ENV !== 'production' });
  return ws;
}
