import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { WORKSTATION, fillJournal, setUp, waitFor, type Bench } from './helpers';
import { stepEvent } from '../../helpers/journal-events';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('relay against the reference platform', () => {
  it('drains the journal once, in order, and both sides agree on the digest', async () => {
    bench = await setUp();
    fillJournal(bench.db, 300, 20);
    service = createSyncService({ db: bench.db, blobs: bench.blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 300, 'all 300 sent');
    expect(await bench.platform.store.eventCount()).toBe(300);
    expect(await bench.platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await bench.platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(bench.db));
    expect(service.status()).toMatchObject({ queued: 0, parked: 0, online: true });
  });

  it('sends new events only when woken ("sync now") or when its idle poll comes round, and reports status', async () => {
    bench = await setUp();
    const { db } = bench;
    service = createSyncService({ db, blobs: bench.blobs, config: { ...bench.config, idlePollMs: 600_000 } });
    const seen: number[] = [];
    const unsubscribe = service.on('status', (s) => seen.push(s.sent));
    service.start();
    await waitFor(() => service!.status().lastPullAt !== null, 'first idle cycle');
    db.transaction(() => appendEvents(db, [stepEvent('case:W', 1, { actor: 'c' })]))();
    // The relay sleeps for its (long) idle poll: the event waits in the queue, nothing is lost.
    await new Promise((r) => setTimeout(r, 300));
    expect(service.status()).toMatchObject({ queued: 1, sent: 0 });
    service.wake();
    await waitFor(() => service!.status().sent === 1, 'sent after wake');
    expect(await bench.platform.store.eventCount()).toBe(1);
    expect(seen.at(-1)).toBe(1);
    unsubscribe();
    await service.stop();
    expect(service.status().state).toBe('stopped');
  });
});
