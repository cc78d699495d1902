import { afterEach, describe, expect, it } from 'vitest';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { WORKSTATION, fillJournal, setUp, waitFor, type Bench } from './helpers';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('10,000 events over 200 cases through a platform failing 20% of requests', () => {
  it('ends with every event exactly once, per-case order intact, and equal digests', async () => {
    bench = await setUp({
      seed: 20250601,
      delayMs: 5,
      probability: { drop: 0.04, delay: 0.03, error500: 0.03, cut: 0.03, 'lose-ack': 0.04, 'duplicate-response': 0.03 },
    });
    fillJournal(bench.db, 10_000, 200);
    service = createSyncService({ db: bench.db, blobs: bench.blobs, config: { ...bench.config, batchSize: 100 } });
    service.start();
    await waitFor(() => service!.status().sent === 10_000, 'all 10,000 acknowledged', 120_000);

    const { platform, db } = bench;
    const injected = platform.faults.injected;
    // The faults really happened, of every kind, and some acks were lost and resent.
    for (const kind of ['drop', 'delay', 'error500', 'cut', 'lose-ack', 'duplicate-response'] as const)
      expect(injected[kind]).toBeGreaterThan(0);
    expect(platform.stats.eventsRepeated).toBeGreaterThan(0);

    expect(await platform.store.eventCount()).toBe(10_000);
    expect(platform.stats.eventsAccepted).toBe(10_000);
    expect(await platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
    expect(service.status()).toMatchObject({ queued: 0, sending: 0, parked: 0, sent: 10_000 });
    // Nothing local was deleted by sync.
    expect((db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n).toBe(10_000);
  }, 150_000); // bounded by the waitFor inside; the default 30 s is too short on a loaded machine
});
