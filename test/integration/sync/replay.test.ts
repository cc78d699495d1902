import { afterEach, describe, expect, it } from 'vitest';
import { PlatformClient, type FetchLike } from '../../../electron/sync/client';
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

describe('a request duplicated on the way (issue 10, fault 6)', () => {
  it('is retried with a fresh signature instead of failing as a credential problem', async () => {
    bench = await setUp({ once: [{ kind: 'duplicate-request', route: 'hello' }] });
    const client = new PlatformClient({
      url: bench.platform.url,
      workstationId: WORKSTATION.id,
      secret: WORKSTATION.secret,
      fetch: globalThis.fetch as unknown as FetchLike,
      now: Date.now,
      requestTimeoutMs: 5_000,
    });
    const hello = await client.hello();
    expect(hello.workstationId).toBe(WORKSTATION.id);
    expect(bench.platform.faults.injected['duplicate-request']).toBe(1);
  });

  it('never shows the clerk a credential error while events are pushed through duplicating proxies', async () => {
    bench = await setUp({ seed: 6, routes: ['events', 'feed', 'hello'], probability: { 'duplicate-request': 0.5 } });
    fillJournal(bench.db, 300, 5);
    const errors: string[] = [];
    service = createSyncService({ db: bench.db, blobs: bench.blobs, config: { ...bench.config, batchSize: 20 } });
    service.on('status', (s) => {
      if (s.lastError) errors.push(s.lastError.message);
    });
    service.start();
    await waitFor(() => service!.status().sent === 300, 'all 300 acknowledged');
    expect(bench.platform.faults.injected['duplicate-request']).toBeGreaterThan(3);
    expect(service.status().state).not.toBe('refused');
    expect(errors.filter((m) => m.includes('凭据') || m.includes('REPLAY'))).toEqual([]);
    expect(await bench.platform.store.eventCount()).toBe(300);
  });
});
