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
    // The hall checked the v2 event's hash, which covers its version (a hash without it is refused
    // HASH_MISMATCH), and its payload against the v2 schema, and keeps the version (hall migration 7)
    // for the windows it hands the event to.
    expect((await platform.store.events()).map((e) => [e.type, e.version])).toEqual([
      ['case.withdrawn', 1],
      ['case.deadline-recomputed', 2],
    ]);
    expect(platform.stats.eventsRefused).toBe(0);
    expect(await platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
  });
});
