import type { AcceptanceService } from '../acceptance/service';
import type { CaseHost } from '../cases/case-host';
import type { ScanRunner } from '../capture/scan-runner';
import type { WorkstationClock } from '../clock';
import type { DeviceManager } from '../devices/device-manager';
import type { IdCardService } from '../devices/idcard-service';
import type { PrintRunner } from '../printing/print-runner';
import type { SessionService } from '../session/session-service';
import type { UserRepository } from '../session/users';
import type { SettingsStore } from '../settings/settings-store';
import type { SigningService } from '../signing/signing-service';
import type { BlobStore } from '../store/blobs';
import type { SyncRunner } from '../sync-runner';
import type { HallService } from '../hall/hall-service';

export type HostKind = 'electron' | 'browser-host';

/**
 * Every service of the core, as the handlers see them. The composition root
 * (electron/workstation.ts) implements it; each handler group takes a `Pick` of what it uses, so
 * no handler depends on the root and the root can import every handler.
 */
export interface CoreServices extends CaseHost {
  readonly dataDir: string;
  readonly hostKind: HostKind;
  readonly blobs: BlobStore;
  readonly users: UserRepository;
  readonly session: SessionService;
  readonly settings: SettingsStore;
  readonly devices: DeviceManager;
  readonly clock: WorkstationClock;
  readonly idcard: IdCardService;
  readonly sync: SyncRunner;
  readonly hall: HallService;
  readonly signing: SigningService;
  readonly acceptance: AcceptanceService;
  readonly scans: ScanRunner;
  readonly printing: PrintRunner;
}
