import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../electron/store/blobs';
import { openDatabase } from '../electron/store/database';
import { appendEvents } from '../electron/store/journal';
import { ensureBlobOnPlatform } from '../electron/sync/blob-upload';
import { PlatformClient, type FetchLike } from '../electron/sync/client';
import { createSyncService } from '../electron/sync/service';
import { seededRandom, type FaultPlan } from '../test/platform/faults';
import { fillCasesWithFiles } from '../test/integration/sync/helpers';
import { INTERMITTENT_FAULTS } from '../test/integration/sync/faults-plan';
import { startPlatform } from '../test/platform/server';
import { stepEvent } from '../test/helpers/journal-events';

const WS = { id: 'WS-BENCH', secret: 'bench-secret-0123456789' };
const MiB = 1024 * 1024;

/** Sync figures over loopback: events drained per second, blob upload next to raw HTTP. */
export async function run(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-sync-'));
  try {
    await drainWithFiles(dir, print);
    await drainEvents(dir, print);
    await blobThroughput(dir, print);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 10, fault 5: 89 events and 36 material files (up to 2 MB, 1 MB chunks) drained with the
 * production backoff, once fault-free and once with ~31% of requests failing, in one run.
 */
export async function drainWithFiles(dir: string, print: (line: string) => void): Promise<void> {
  const figures: number[] = [];
  for (const [label, faults] of [
    ['fault-free', undefined],
    ['31% faults', { seed: 31, probability: INTERMITTENT_FAULTS }],
  ] as [string, FaultPlan | undefined][]) {
    const sub = join(dir, `files-${figures.length}`);
    const db = openDatabase(join(sub + '.db'));
    const blobs = new BlobStore(db, join(sub, 'blobs'));
    fillCasesWithFiles(db, blobs, { events: 89, files: 36, seed: 5, maxFileBytes: 2 * MiB });
    const platform = await startPlatform({ workstations: [WS], faults });
    let waits = 0;
    let waitedMs = 0;
    const service = createSyncService({
      db,
      blobs,
      config: { platform: { url: platform.url, workstationId: WS.id, secret: WS.secret }, pullIntervalMs: 3_600_000 },
      onBackoff: ({ ms }) => {
        waits++;
        waitedMs += ms;
      },
    });
    const started = performance.now();
    service.start();
    await until(() => service.status().sent === 89, 600_000);
    const seconds = (performance.now() - started) / 1000;
    await service.stop();
    const injected = Object.values(platform.faults.injected).reduce((a, b) => a + b, 0);
    print(
      `sync: 89 events + 36 files drained, ${label}: ${seconds.toFixed(2)} s (${platform.stats.requests} requests, ${injected} faults injected, ${waits} backoff waits, ${(waitedMs / 1000).toFixed(2)} s in them)`,
    );
    figures.push(seconds);
    await platform.close();
    db.close();
  }
  const [clean, faulty] = figures as [number, number];
  print(`sync: drain under 31% faults / fault-free = ${(faulty / clean).toFixed(2)}x (goal ≤ 3x)`);
}

async function drainEvents(dir: string, print: (line: string) => void): Promise<void> {
  const db = openDatabase(join(dir, 'events.db'));
  const platform = await startPlatform({ workstations: [WS] });
  const random = seededRandom(1);
  const total = 10_000;
  db.transaction(() =>
    appendEvents(
      db,
      Array.from({ length: total }, (_, i) => stepEvent(`case:${Math.floor(random() * 200)}`, i, { note: '受理', actor: 'clerk' })),
    ),
  )();
  for (const batchSize of [100, 200, 500]) {
    db.exec('DELETE FROM sync_acks; INSERT OR IGNORE INTO sync_outbox (seq, stream) SELECT seq, stream FROM journal;');
    await platform.store.forgetEvents();
    const service = createSyncService({
      db,
      blobs: new BlobStore(db, join(dir, 'blobs-events')),
      config: { platform: { url: platform.url, workstationId: WS.id, secret: WS.secret }, batchSize, pullIntervalMs: 3_600_000 },
    });
    const started = performance.now();
    service.start();
    await until(() => service.status().sent === total, 300_000);
    const seconds = (performance.now() - started) / 1000;
    await service.stop();
    print(
      `sync: ${total} events over 200 cases drained over loopback, batch ${batchSize}: ${Math.round(total / seconds)} events/s (${seconds.toFixed(2)} s)`,
    );
  }
  await platform.close();
  db.close();
}

async function blobThroughput(dir: string, print: (line: string) => void): Promise<void> {
  const size = 50 * MiB;
  const bytes = randomBytes(size);
  const db = openDatabase(join(dir, 'blobs.db'));
  const blobs = new BlobStore(db, join(dir, 'blobs'));
  const ref = blobs.put(bytes, 'application/pdf');

  // Raw: one unsigned POST of the same bytes to a loopback sink that only counts them.
  const sink = createServer((req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.byteLength));
    req.on('end', () => res.end(String(n)));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
  const rawStart = performance.now();
  const got = await (await fetch(sinkUrl, { method: 'POST', body: bytes })).text();
  const rawSeconds = (performance.now() - rawStart) / 1000;
  sink.close();
  if (Number(got) !== size) throw new Error(`raw upload received ${got} bytes`);
  print(`sync: raw HTTP upload of ${size / MiB} MB over loopback (no signing, no disk): ${(size / MiB / rawSeconds).toFixed(1)} MB/s`);

  // What the platform must do per upload whatever the client does: verify each chunk's signed
  // body hash, write and fsync each chunk, hash the whole file once complete. Measured here on
  // the same disk and CPU, so the upload figures can be read against it.
  const hashStart = performance.now();
  createHash('sha256').update(bytes).digest();
  const hashSeconds = (performance.now() - hashStart) / 1000;
  print(
    `sync: SHA-256 of ${size / MiB} MB on this CPU: ${(size / MiB / hashSeconds).toFixed(1)} MB/s (the platform hashes each upload twice)`,
  );

  for (const chunk of [1 * MiB, 4 * MiB]) {
    const fsyncStart = performance.now();
    const fd = openSync(join(dir, `fsync-${chunk}`), 'w');
    for (let at = 0; at < size; at += chunk) {
      writeSync(fd, bytes, at, Math.min(chunk, size - at), at);
      fsyncSync(fd);
    }
    closeSync(fd);
    const fsyncSeconds = (performance.now() - fsyncStart) / 1000;
    const floorSeconds = fsyncSeconds + 2 * hashSeconds + rawSeconds;
    print(
      `sync: platform floor with ${chunk / MiB} MB chunks (write+fsync per chunk ${(size / MiB / fsyncSeconds).toFixed(1)} MB/s, two hashes, raw transfer): ${(size / MiB / floorSeconds).toFixed(1)} MB/s = ${((100 * rawSeconds) / floorSeconds).toFixed(0)}% of raw`,
    );

    const platform = await startPlatform({ workstations: [WS] });
    db.prepare('DELETE FROM sync_blobs_on_platform').run();
    const client = new PlatformClient({
      url: platform.url,
      workstationId: WS.id,
      secret: WS.secret,
      fetch: globalThis.fetch as unknown as FetchLike,
      now: Date.now,
      requestTimeoutMs: 60_000,
    });
    const started = performance.now();
    await ensureBlobOnPlatform(db, blobs, client, ref.sha256, chunk, () => new Date().toISOString());
    const seconds = (performance.now() - started) / 1000;
    print(
      `sync: blob upload of ${size / MiB} MB, ${chunk / MiB} MB chunks (signed, fsync per chunk, hash verified): ${(size / MiB / seconds).toFixed(1)} MB/s = ${((100 * rawSeconds) / seconds).toFixed(0)}% of raw, ${((100 * floorSeconds) / seconds).toFixed(0)}% of the platform floor`,
    );
    await platform.close();
  }
  db.close();
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark did not finish');
    await new Promise((r) => setTimeout(r, 2));
  }
}
