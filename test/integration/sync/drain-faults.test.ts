import { afterEach, describe, expect, it } from 'vitest';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { seededRandom } from '../../platform/faults';
import { INTERMITTENT_FAULTS } from './faults-plan';
import { WORKSTATION, fillCasesWithFiles, setUp, waitFor, type Bench } from './helpers';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('draining events with material files through intermittent faults', () => {
  it('resets the backoff on every kind of progress, so waits never climb towards an outage', async () => {
    bench = await setUp({ seed: 31, probability: INTERMITTENT_FAULTS }, { chunkBytes: 64 * 1024 });
    fillCasesWithFiles(bench.db, bench.blobs, { events: 89, files: 36, seed: 5 });
    const waits: number[] = [];
    service = createSyncService({
      db: bench.db,
      blobs: bench.blobs,
      config: bench.config,
      random: seededRandom(9),
      onBackoff: ({ failures }) => waits.push(failures),
    });
    service.start();
    await waitFor(() => service!.status().sent === 89, 'all 89 events acknowledged', 120_000);

    const injected = Object.values(bench.platform.faults.injected).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(20); // the faults really happened
    expect(waits.length).toBeGreaterThan(10);
    // Backoff steps double per consecutive failure; with independent 31% faults a run of more
    // than five failures without any progress is not to be expected (before the fix: 96).
    expect(Math.max(...waits)).toBeLessThanOrEqual(5);
    // The total of the nominal steps (in units of the base step) stays near the number of waits.
    const nominal = waits.reduce((sum, f) => sum + 2 ** (f - 1), 0);
    expect(nominal).toBeLessThan(waits.length * 3);
    expect(await bench.platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(bench.db));
  }, 150_000);
});
