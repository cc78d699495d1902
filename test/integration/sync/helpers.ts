import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../../electron/store/blobs';
import { openDatabase, type Db } from '../../../electron/store/database';
import { appendEvents } from '../../../electron/store/journal';
import type { SyncConfigInput } from '../../../electron/sync/config';
import { seededRandom } from '../../platform/faults';
import { startPlatform, type Platform } from '../../platform/server';
import type { FaultPlan } from '../../platform/faults';
import { materialEvent, stepEvent } from '../../helpers/journal-events';

export const WORKSTATION = { id: 'WS-TEST-01', secret: 'test-secret-0123456789abcdef' };

export interface Bench {
  dir: string;
  db: Db;
  blobs: BlobStore;
  platform: Platform;
  config: SyncConfigInput;
  cleanup(): Promise<void>;
}

export async function setUp(faults?: FaultPlan, overrides: Partial<SyncConfigInput> = {}): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-sync-'));
  const db = openDatabase(join(dir, 'ws.db'));
  const blobs = new BlobStore(db, join(dir, 'blobs'));
  const platform = await startPlatform({ workstations: [WORKSTATION], faults });
  const config = fastConfig(platform.url, overrides);
  return {
    dir,
    db,
    blobs,
    platform,
    config,
    async cleanup() {
      await platform.close().catch(() => undefined);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Short backoff and polling so tests spend their time on sync, not on waiting. */
export function fastConfig(url: string, overrides: Partial<SyncConfigInput> = {}): SyncConfigInput {
  return {
    platform: { url, workstationId: WORKSTATION.id, secret: WORKSTATION.secret },
    backoff: { baseMs: 5, maxMs: 40 },
    idlePollMs: 50,
    pullIntervalMs: 60_000,
    requestTimeoutMs: 10_000,
    ...overrides,
  };
}

/** `events` journal events spread over `cases` case streams, interleaved like a busy hall. */
export function fillJournal(db: Db, events: number, cases: number, seed = 7, at?: () => string): void {
  const random = seededRandom(seed);
  const perTx = 500;
  for (let done = 0; done < events; done += perTx) {
    const inputs = Array.from({ length: Math.min(perTx, events - done) }, (_, i) =>
      stepEvent(`case:${Math.floor(random() * cases)}`, done + i, { note: '补正材料已收', at: at?.() }),
    );
    db.transaction(() => appendEvents(db, inputs))();
  }
}

/** Polls until `check` holds (a hall query may answer it); bounded so a broken relay fails the test instead of hanging it. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * `events` journal events over a dozen cases, `files` of them each capturing one material file
 * (sizes 40–400 KB, so files take several chunks), as a morning of acceptance leaves them.
 */
export function fillCasesWithFiles(
  db: Db,
  blobs: BlobStore,
  opts: { events: number; files: number; seed: number; maxFileBytes?: number },
): void {
  const random = seededRandom(opts.seed);
  const maxBytes = opts.maxFileBytes ?? 400 * 1024;
  const withFile = new Set<number>();
  while (withFile.size < Math.min(opts.files, opts.events)) withFile.add(Math.floor(random() * opts.events));
  const inputs = Array.from({ length: opts.events }, (_, i) => {
    const stream = `case:${Math.floor(random() * 12)}`;
    if (!withFile.has(i)) return stepEvent(stream, i, { note: '受理' });
    const size = 40 * 1024 + Math.floor(random() * (maxBytes - 40 * 1024));
    const bytes = new Uint8Array(size);
    for (let b = 0; b < size; b += 4) bytes[b] = Math.floor(random() * 256);
    const ref = blobs.put(bytes, 'application/pdf');
    return materialEvent(stream, i, [ref.sha256]);
  });
  db.transaction(() => appendEvents(db, inputs))();
}
