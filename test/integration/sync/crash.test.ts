import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../electron/store/journal';
import { localJournalDigest } from '../../../electron/sync/digest';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { WORKSTATION, fillJournal, setUp, waitFor, type Bench } from './helpers';
import { stepEvent } from '../../helpers/journal-events';

let bench: Bench | undefined;
let service: SyncService | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

describe('workstation killed mid-sync', () => {
  it('loses nothing and duplicates nothing after a restart', async () => {
    // Every batch is held a little on the platform, so the kill lands while one is in flight.
    bench = await setUp({ probability: { delay: 1 }, routes: ['events'], delayMs: 15 });
    const { db, dir, platform } = bench;
    fillJournal(db, 3_000, 60);

    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'relay-child.ts'), dir, platform.url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(async () => (await platform.store.eventCount()) >= 600 || proc.exitCode !== null, 'the child relay sends', 60_000);
    expect(stderr).toBe('');
    proc.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve()),
    );
    expect(proc.signalCode).toBe('SIGKILL');

    const onPlatform = await platform.store.eventCount();
    const ackedLocally = (db.prepare('SELECT COUNT(*) AS n FROM sync_acks').get() as { n: number }).n;
    expect(onPlatform).toBeLessThan(3_000);
    // Never marked sent without the platform holding it.
    expect(ackedLocally).toBeLessThanOrEqual(onPlatform);

    // The clerk keeps working after the restart; the relay picks up where the journal says.
    db.transaction(() => appendEvents(db, [stepEvent('case:1', 3_001, { note: 'after restart', actor: 'clerk' })]))();
    platform.setFaults({});
    service = createSyncService({ db, blobs: bench.blobs, config: bench.config });
    service.start();
    await waitFor(() => service!.status().sent === 3_001, 'all sent after restart');
    expect(await platform.store.eventCount()).toBe(3_001);
    expect(platform.stats.eventsAccepted).toBe(3_001);
    expect(await platform.store.streamsOutOfOrder()).toEqual([]);
    expect(await platform.digest(WORKSTATION.id)).toEqual(localJournalDigest(db));
  });
});
