import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { stepEvent } from '../../helpers/journal-events';
import { WORKSTATION, setUp, waitFor, type Bench } from './helpers';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('versioned events over the wire', () => {
  it('carries each event’s version to the platform, which checks the hash and schema with it', async () => {
    bench = await setUp();
    const { db, platform } = bench;
    db.transaction(() =>
      appendEvents(db, [
        stepEvent('case:V', 1),
        {
          stream: 'case:V',
          type: 'case.deadline-recomputed',
          payload: { caseId: 'V', caseNumber: 'T-1', from: '2027-01-07', to: '2027-01-08', reason: '导入了2027年放假安排' },
          actor: null,
        },
      ]),
    )();
    service = createSyncService({ db, blobs: bench.blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 2, 'both sent');
    expect(platform.store.db.prepare('SELECT type, version FROM events ORDER BY ws_seq').all()).toEqual([
      { type: 'case.withdrawn', version: 1 },
      { type: 'case.deadline-recomputed', version: 2 },
    ]);
    expect(platform.stats.eventsRefused).toBe(0);
    expect(platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
  });
});
