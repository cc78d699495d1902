import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { startPlatform } from '../../platform/server';
import { WORKSTATION, setUp, waitFor, type Bench } from './helpers';
import { stepEvent } from '../../helpers/journal-events';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

const HOUR = 3_600_000;

describe('a day offline', () => {
  it('keeps accepting while the platform is unreachable, then drains on reconnect and shows the clock skew', async () => {
    bench = await setUp();
    const { db } = bench;
    const port = bench.platform.port;
    await bench.platform.close(); // the network is gone

    let clock = Date.now();
    const now = (): number => clock;
    const accept = (n: number): void => {
      db.transaction(() =>
        appendEvents(
          db,
          Array.from({ length: n }, (_, i) => stepEvent(`case:${i % 7}`, i, { actor: 'clerk', at: new Date(clock).toISOString() })),
        ),
      )();
    };
    service = createSyncService({ db, blobs: bench.blobs, config: bench.config, now });
    service.start();
    accept(20);
    await waitFor(() => service!.status().online === false, 'relay notices it is offline');
    expect(service.status().lastError?.message).toContain('离线期间照常受理');

    // A working day passes at the window (the workstation's clock moves on by 24 hours);
    // acceptance goes on without the network.
    for (let hour = 0; hour < 24; hour++) {
      clock += HOUR;
      accept(10);
    }
    // A retry may be in flight at this moment: its events count as sending, not queued.
    const offline = service.status();
    expect(offline).toMatchObject({ sent: 0, online: false });
    expect(offline.queued + offline.sending).toBe(260);

    // The platform comes back (with its own, real clock: the workstation is now a day ahead).
    bench.platform = await startPlatform({ port, workstations: [WORKSTATION] });
    service.wake();
    await waitFor(() => service!.status().sent === 260, 'everything drained');

    const status = service.status();
    expect(status).toMatchObject({ online: true, queued: 0, parked: 0 });
    expect(status.clockSkewMs).not.toBeNull();
    expect(Math.abs(status.clockSkewMs! + 24 * HOUR)).toBeLessThan(60_000);
    expect(status.clockWarning).toContain('快约 24 小时');
    expect(await bench.platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await bench.platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
    // Local time stays the evidence: the platform holds the workstation's own timestamps.
    const last = (await bench.platform.store.events(WORKSTATION.id)).at(-1);
    expect(last?.at).toBe(new Date(clock).toISOString());
  });
});
