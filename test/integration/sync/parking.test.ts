import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { startPlatform } from '../../platform/server';
import { WORKSTATION, fastConfig, setUp, waitFor, type Bench } from './helpers';
import { stepEvent } from '../../helpers/journal-events';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('poison events and gaps', () => {
  it('parks an event refused N times with its error, holds its case, and lets other cases through', async () => {
    bench = await setUp();
    // A rule the platform enforces that one payload breaks (think: a status code it does not know).
    let ruleActive = true;
    await bench.platform.close();
    bench.platform = await startPlatform({
      workstations: [WORKSTATION],
      eventRule: (e) => (ruleActive && e.payload.includes('"reason":"评价等级9"') ? '评价等级只能是 1-5' : null),
    });
    const config = fastConfig(bench.platform.url, { maxInvalidAttempts: 3 });
    const { db } = bench;
    db.transaction(() =>
      appendEvents(db, [
        stepEvent('case:A', 1, { actor: 'c' }),
        stepEvent('case:A', 2, { note: '评价等级9', actor: 'c' }),
        stepEvent('case:B', 1, { actor: 'c' }),
        stepEvent('case:A', 3, { actor: 'c' }),
        stepEvent('case:B', 2, { actor: 'c' }),
      ]),
    )();
    service = createSyncService({ db, blobs: bench.blobs, config });
    service.start();
    await waitFor(() => service!.status().parked === 1, 'the poison event parked');
    await waitFor(() => service!.status().sent === 3, 'the other events sent');

    const parked = service.parkedEvents();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ type: 'case.withdrawn', attempts: 3 });
    expect(parked[0]!.lastError).toContain('评价等级只能是 1-5');
    expect(service.caseSyncState('case:B')).toMatchObject({ localEvents: 2, sent: 2, platformHoldsUpTo: 2, queued: 0, problem: null });
    // case:A's later event waits behind the parked one; the platform holds only the first.
    expect(service.caseSyncState('case:A')).toMatchObject({ localEvents: 3, sent: 1, platformHoldsUpTo: 1, queued: 2 });
    expect(service.caseSyncState('case:A').problem).toMatchObject({ type: 'case.withdrawn', parked: true });
    expect(await service.platformStreamState('case:A')).toMatchObject({ checkpoint: 1 });

    // The platform's rule is fixed; IT presses retry: everything drains, in order.
    ruleActive = false;
    expect(service.retryParked(parked[0]!.eventId)).toBe(1);
    await waitFor(() => service!.status().sent === 5, 'all sent after retry');
    expect(await bench.platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await bench.platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
  });

  it('resends from the platform checkpoint when the platform lost events it had acknowledged', async () => {
    bench = await setUp();
    const { db, platform } = bench;
    db.transaction(() =>
      appendEvents(
        db,
        [1, 2, 3, 4].map((n) => stepEvent('case:R', n, { actor: 'c' })),
      ),
    )();
    service = createSyncService({ db, blobs: bench.blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 4, 'first four sent');
    // The platform is restored from a backup that predates events 3 and 4.
    await platform.store.restoreStreamTo(WORKSTATION.id, 'case:R', 2);
    db.transaction(() => appendEvents(db, [stepEvent('case:R', 5, { actor: 'c' })]))();
    service.wake();
    await waitFor(async () => (await platform.store.checkpoint('case:R')) === 5, 'platform holds the stream up to 5 again');
    await waitFor(() => service!.status().sent === 5, 'all five acknowledged again');
    expect(platform.stats.gaps).toBeGreaterThan(0);
    expect(await platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
    expect(service.status()).toMatchObject({ queued: 0, sending: 0 });
  });

  it('never takes a duplicated (stale) response as the acknowledgement of a new batch', async () => {
    bench = await setUp();
    const { db, platform } = bench;
    db.transaction(() => appendEvents(db, [stepEvent('case:D', 1, { actor: 'c' })]))();
    service = createSyncService({ db, blobs: bench.blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 1, 'first sent');
    platform.setFaults({ once: [{ kind: 'duplicate-response', route: 'events' }] });
    db.transaction(() => appendEvents(db, [stepEvent('case:D', 2, { actor: 'c' })]))();
    service.wake();
    await waitFor(() => service!.status().sent === 2, 'second sent');
    expect(platform.faults.injected['duplicate-response']).toBe(1);
    // The stale answer was refused, the batch resent, and the platform returned its first result.
    expect(platform.stats.eventsRepeated).toBe(1);
    expect(await platform.store.eventCount()).toBe(2);
  });

  it('shows a refusal of the credentials with what to do', async () => {
    bench = await setUp();
    bench.db.transaction(() => appendEvents(bench!.db, [stepEvent('case:X', 1, { actor: 'c' })]))();
    const config = fastConfig(bench.platform.url);
    service = createSyncService({
      db: bench.db,
      blobs: bench.blobs,
      config: { ...config, platform: { ...config.platform, secret: 'wrong-secret-0123456789abcdef' } },
    });
    service.start();
    await waitFor(() => service!.status().lastError !== null, 'an error recorded');
    expect(service.status().lastError?.message).toContain('请联系信息科核对工作站编号和密钥');
    expect(service.status()).toMatchObject({ online: true, sent: 0 });
    expect(await bench.platform.store.eventCount()).toBe(0);
  });
});
