export { createSyncService, type SyncService, type SyncServiceDeps } from './service';
export type { SyncStatus } from './status';
export { parseSyncConfig, type SyncConfig, type SyncConfigInput } from './config';
export { eLicencesForHolder, latestPlatformCatalog, platformCalendar, routedCases, type PlatformElicence, type RoutedCase } from './feed';
export type { CaseSyncState, ParkedEvent } from './outbox';
export { localJournalDigest } from './digest';
