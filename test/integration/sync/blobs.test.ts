import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { setUp, waitFor, type Bench } from './helpers';
import { materialEvent, stepEvent } from '../../helpers/journal-events';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

const MiB = 1024 * 1024;

describe('blob upload', () => {
  it('completes a 50 MB scan cut at random points without resending acknowledged chunks', async () => {
    bench = await setUp({ seed: 4242, routes: ['blob-chunk'], probability: { cut: 0.15, 'lose-ack': 0.05 } }, { chunkBytes: MiB });
    const { db, blobs, platform } = bench;
    const bytes = randomBytes(50 * MiB);
    const ref = blobs.put(bytes, 'application/pdf');
    db.transaction(() => appendEvents(db, [materialEvent('case:S', 1, [ref.sha256], 'clerk')]))();

    service = createSyncService({ db, blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 1, 'the event (after its blob) acknowledged', 120_000);

    const cuts = platform.faults.injected.cut;
    const lostAcks = platform.faults.injected['lose-ack'];
    expect(cuts).toBeGreaterThan(2);
    expect(lostAcks).toBeGreaterThan(0);
    // Every chunk was committed once: the relay resumed from the platform's offset each time.
    expect([...platform.stats.chunkArrivals.values()].every((n) => n === 1)).toBe(true);
    expect(platform.stats.chunkArrivals.size).toBe(50);
    expect(platform.stats.chunkBytesCommitted).toBe(50 * MiB);
    // On the wire: the blob once, plus at most the part of each cut chunk that got through.
    expect(platform.stats.bytesReceived).toBeLessThanOrEqual(50 * MiB + cuts * MiB + 64 * 1024);
    const stored = await platform.store.blob(ref.sha256);
    expect(stored?.byteLength).toBe(50 * MiB);
    expect(createHash('sha256').update(stored!).digest('hex')).toBe(ref.sha256);
    // The hall keeps blobs as chunks in its database; embedded PGlite writes a 1 MB bytea chunk in
    // 0.3–1 s on this machine, so 50 MB plus resends needs more than the default 30 s.
  }, 180_000);

  it('never sends a blob the platform already holds', async () => {
    bench = await setUp(undefined, { chunkBytes: 64 * 1024 });
    const { db, blobs, platform } = bench;
    const ref = blobs.put(randomBytes(300 * 1024), 'image/jpeg');
    db.transaction(() => appendEvents(db, [materialEvent('case:M', 1, [ref.sha256], 'c')]))();
    service = createSyncService({ db, blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 1, 'first use sent');
    const afterFirst = platform.stats.chunkBytesCommitted;
    expect(afterFirst).toBe(300 * 1024);

    // The material is reused in another case, and the local memory of the upload is lost too:
    // the platform's answer alone keeps the bytes from being sent again.
    db.prepare('DELETE FROM sync_blobs_on_platform').run();
    db.transaction(() => appendEvents(db, [materialEvent('case:N', 1, [ref.sha256], 'c')]))();
    service.wake();
    await waitFor(() => service!.status().sent === 2, 'reuse sent');
    expect(platform.stats.chunkBytesCommitted).toBe(afterFirst);
    expect([...platform.stats.chunkArrivals.values()].every((n) => n === 1)).toBe(true);
  });

  it('parks an event whose blob is missing locally, with what to do', async () => {
    bench = await setUp(undefined, { maxInvalidAttempts: 2 });
    const { db, blobs } = bench;
    const ref = blobs.put(randomBytes(1000), 'image/jpeg');
    blobs.remove(ref.sha256);
    db.transaction(() => appendEvents(db, [materialEvent('case:L', 1, [ref.sha256], 'c'), stepEvent('case:K', 1, { actor: 'c' })]))();
    service = createSyncService({ db, blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().parked === 1 && service!.status().sent === 1, 'parked, other case sent');
    expect(service.parkedEvents()[0]?.lastError).toContain('在本机不存在');
  });
});
