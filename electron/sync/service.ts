import { EventEmitter } from 'node:events';
import type { BlobStore } from '../store/blobs';
import type { Db } from '../store/database';
import { journalHead } from '../audit/anchor';
import { backoffDelay, relayBackoffDelay } from './backoff';
import { LocalBlobProblem, ensureBlobOnPlatform } from './blob-upload';
import { PlatformClient, PlatformRefusal, PlatformUnreachable, type FetchLike } from './client';
import { parseSyncConfig, type SyncConfig, type SyncConfigInput } from './config';
import { applyFeedPage, feedCursor, resetFeedCursor } from './feed';
import {
  blobRefsOf,
  caseSyncState,
  markAcked,
  nextBatch,
  outboxCounts,
  parkedEvents,
  recordRefusal,
  retryParked,
  rewindStream,
  type Ack,
  type CaseSyncState,
  type ParkedEvent,
} from './outbox';
import { HALL_CODES } from '../../shared/protocol/enrolment';
import { clockWarning, type SyncStatus } from './status';
import { PLATFORM_CODES, type FeedItem, type StreamState } from './wire';

export interface SyncServiceDeps {
  db: Db;
  blobs: BlobStore;
  config: SyncConfig | SyncConfigInput;
  now?: () => number;
  fetch?: FetchLike;
  random?: () => number;
  /** Told of every backoff wait (tests and the bench count them; time is not a test's business). */
  onBackoff?: (wait: { failures: number; ms: number }) => void;
  /** Told of every authentic refusal (the hall's REVOKED in particular). */
  onRefused?: (refusal: PlatformRefusal) => void;
  /**
   * Applies a feed item protocol v1 does not cover (a hall's routed cases and project libraries),
   * inside the page's transaction, so it commits together with the cursor.
   */
  applyFeedItem?: (item: FeedItem) => void;
  /** Told after each applied feed page (outside the transaction). */
  onFeedApplied?: (items: readonly FeedItem[]) => void;
}

export interface SyncService {
  start(): void;
  stop(): Promise<void>;
  /** "Sync now": wakes the relay (and makes it pull); it never sends by itself. */
  wake(): void;
  status(): SyncStatus;
  on(event: 'status', listener: (status: SyncStatus) => void): () => void;
  retryParked(eventId?: string): number;
  parkedEvents(): ParkedEvent[];
  caseSyncState(stream: string): CaseSyncState;
  /** Asks the platform what it holds of a stream (online only). */
  platformStreamState(stream: string): Promise<StreamState>;
  /** Asks the platform to publish a holder's e-licences to this window's feed, then pulls. */
  requestElicences(holderId: string): Promise<number>;
  /** The signed client, for the hall's own requests (section 9). */
  readonly client: PlatformClient;
}

type PushOutcome = 'progress' | 'idle' | 'stalled';

const KEY = {
  lastSuccess: 'relay.lastSuccessAt',
  lastPull: 'relay.lastPullAt',
  lastError: 'relay.lastError',
  offset: 'clock.offsetMs',
  checkpoint: 'anchor.lastCheckpoint',
} as const;
const MAX_FEED_PAGES_PER_CYCLE = 100;

/**
 * The relay: one loop that pushes queued journal events in order (blobs first), then pulls the
 * feed. Every database write is a short synchronous transaction, so acceptance, printing,
 * signing and rating never wait on the network.
 */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, blobs } = deps;
  const config = parseSyncConfig(deps.config);
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const iso = (): string => new Date(now()).toISOString();
  const client = new PlatformClient({
    url: config.platform.url,
    workstationId: config.platform.workstationId,
    secret: config.platform.secret,
    fetch: deps.fetch ?? (globalThis.fetch as unknown as FetchLike),
    now,
    requestTimeoutMs: config.requestTimeoutMs,
    initialOffsetMs: readNumber(db, KEY.offset),
  });
  const emitter = new EventEmitter();

  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let state: SyncStatus['state'] = 'stopped';
  let online: boolean | null = null;
  let sending = 0;
  let failures = 0;
  let stalls = 0;
  let pullRequested = true;
  let lastPullMs = 0;
  let wakePending = false;
  let wakeSleeper: (() => void) | null = null;

  function status(): SyncStatus {
    const counts = outboxCounts(db);
    const skew = client.offsetMs === null ? null : Math.round(client.offsetMs);
    const lastError = readJson(db, KEY.lastError);
    return {
      state,
      online,
      queued: counts.queued - sending,
      sending,
      sent: counts.sent,
      parked: counts.parked,
      lastError: isErrorRecord(lastError) ? lastError : null,
      lastSuccessAt: readString(db, KEY.lastSuccess),
      lastPullAt: readString(db, KEY.lastPull),
      clockSkewMs: skew,
      clockWarning: clockWarning(skew, config.skewThresholdMs),
    };
  }

  function emit(): void {
    if (emitter.listenerCount('status') > 0) emitter.emit('status', status());
  }

  function setState(next: SyncStatus['state']): void {
    state = next;
    emit();
  }

  let lastSuccessWritten = 0;
  let offsetWritten: number | null = readNumber(db, KEY.offset);
  function succeeded(): void {
    online = true;
    failures = 0;
    // Each write is an fsync: while draining, record progress at most once a second.
    if (now() - lastSuccessWritten >= 1_000) {
      lastSuccessWritten = now();
      writeState(db, KEY.lastSuccess, iso());
    }
    const offset = client.offsetMs === null ? null : Math.round(client.offsetMs);
    if (offset !== null && (offsetWritten === null || Math.abs(offset - offsetWritten) > 1_000)) {
      offsetWritten = offset;
      writeState(db, KEY.offset, String(offset));
    }
  }

  /**
   * Any progress (a blob chunk or upload, an acknowledged batch, a feed page) proves the platform
   * is reachable again: the next failure is a fresh intermittent one, not a continuing outage.
   */
  function progressed(): void {
    failures = 0;
    online = true;
  }

  function failed(err: unknown): void {
    failures++;
    const message = messageFor(err);
    writeState(db, KEY.lastError, JSON.stringify({ message, at: iso() }));
    if (err instanceof PlatformUnreachable) {
      online = false;
      setState('offline');
    } else {
      online = true; // the platform answered, with a refusal
      if (err instanceof PlatformRefusal) deps.onRefused?.(err);
      setState('refused');
    }
  }

  async function pushOnce(): Promise<PushOutcome> {
    const batch = nextBatch(db, config.batchSize);
    if (batch.length === 0) return 'idle';
    let sendable = batch;
    findBlobs: for (const [i, event] of batch.entries()) {
      for (const sha of blobRefsOf(event.payload)) {
        try {
          setState('sending');
          await ensureBlobOnPlatform(db, blobs, client, sha, config.chunkBytes, iso, progressed);
        } catch (err) {
          if (!(err instanceof LocalBlobProblem) && !isBlobRefusal(err)) {
            // The events whose files are already there go now; this one's file resumes next pass.
            if (i === 0) throw err;
            sendable = batch.slice(0, i);
            break findBlobs;
          }
          recordRefusal(db, event.seq, messageFor(err), config.maxInvalidAttempts, iso());
          writeState(db, KEY.lastError, JSON.stringify({ message: messageFor(err), at: iso() }));
          // Later events may depend on this one; they wait for the next pass.
          sendable = batch.slice(0, i);
          break findBlobs;
        }
      }
    }
    if (sendable.length === 0) return 'stalled';
    sending = sendable.length;
    setState('sending');
    let results;
    try {
      results = (await client.pushEvents(sendable)).results;
    } finally {
      sending = 0;
    }
    const byId = new Map(sendable.map((e) => [e.id, e]));
    const acks: Ack[] = [];
    const rewound = new Set<string>();
    const at = iso();
    for (const r of results) {
      const event = byId.get(r.id);
      // An answer about an event we did not send in this request is not an ack of anything.
      if (!event) continue;
      byId.delete(r.id);
      if (r.status === 'accepted') {
        acks.push({ seq: event.seq, id: event.id, stream: event.stream, streamSeq: event.streamSeq, receipt: r.receipt });
      } else if (r.status === 'gap') {
        if (!rewound.has(event.stream)) {
          rewound.add(event.stream);
          rewindStream(db, event.stream, r.checkpoint);
        }
      } else {
        recordRefusal(db, event.seq, `中心平台拒收该事件（${r.code}）：${r.message}`, config.maxInvalidAttempts, at);
      }
    }
    markAcked(db, acks, at);
    succeeded();
    return acks.length > 0 ? 'progress' : 'stalled';
  }

  async function pullAll(): Promise<void> {
    setState('pulling');
    let resyncs = 0;
    for (let page = 0; page < MAX_FEED_PAGES_PER_CYCLE; page++) {
      let feed;
      try {
        feed = await client.feed(feedCursor(db), config.pullPageSize);
      } catch (err) {
        if (err instanceof PlatformRefusal && err.code === PLATFORM_CODES.resyncRequired && resyncs++ === 0) {
          resetFeedCursor(db);
          continue;
        }
        throw err;
      }
      applyFeedPage(db, feed.items, feed.cursor, iso(), deps.applyFeedItem);
      if (feed.items.length > 0) deps.onFeedApplied?.(feed.items);
      if (!feed.more) break;
    }
    lastPullMs = now();
    pullRequested = false;
    writeState(db, KEY.lastPull, iso());
    succeeded();
  }

  let lastCheckpointMs = -Infinity;
  /** Once the queue is drained: a checkpoint of the chain head, when it moved and the interval passed. */
  async function checkpointIfDue(): Promise<void> {
    if (now() - lastCheckpointMs < config.checkpointIntervalMs) return;
    const head = journalHead(db);
    const sent = readJson(db, KEY.checkpoint);
    if (head.count === 0 || (isCheckpointRecord(sent) && sent.head === head.head)) return;
    const result = await client.sendCheckpoint({ ...head, at: iso() });
    lastCheckpointMs = now();
    writeState(db, KEY.checkpoint, JSON.stringify({ ...head, matches: result.matches, at: iso() }));
    if (!result.matches)
      writeState(
        db,
        KEY.lastError,
        JSON.stringify({
          message: `中心平台持有的第 ${head.seq} 条日志检查点与本机不同：本机日志可能被改动，请联系信息科运行 onewindow audit verify`,
          at: iso(),
        }),
      );
    succeeded();
  }

  function sleep(ms: number): Promise<void> {
    if (wakePending || !running) {
      wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });
  }

  async function loop(): Promise<void> {
    while (running) {
      let waitMs = 0;
      try {
        const outcome = await pushOnce();
        if (outcome !== 'progress' && (pullRequested || now() - lastPullMs >= config.pullIntervalMs)) await pullAll();
        if (outcome === 'idle') await checkpointIfDue();
        if (outcome === 'stalled') waitMs = backoffDelay(++stalls, config.backoff, random);
        else {
          stalls = 0;
          if (outcome === 'idle') waitMs = config.idlePollMs;
        }
        setState(outcome === 'progress' ? 'sending' : 'idle');
      } catch (err) {
        if (!running) break;
        failed(err);
        waitMs = relayBackoffDelay(failures, config.backoff, random);
        deps.onBackoff?.({ failures, ms: waitMs });
      }
      if (waitMs > 0) await sleep(waitMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      wakePending = false;
      state = 'idle';
      loopDone = loop().catch((err: unknown) => {
        // The loop catches per cycle; reaching here is a bug, which must not stop the clerk.
        writeState(db, KEY.lastError, JSON.stringify({ message: `同步程序内部错误：${String(err)}；请重启一窗通并联系信息科`, at: iso() }));
        running = false;
      });
    },
    async stop() {
      running = false;
      client.cancelInFlight();
      wakeSleeper?.();
      await loopDone;
      state = 'stopped';
      emit();
    },
    wake() {
      pullRequested = true;
      if (wakeSleeper) wakeSleeper();
      else wakePending = true;
    },
    status,
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    retryParked(eventId) {
      const n = retryParked(db, eventId);
      if (n > 0) this.wake();
      emit();
      return n;
    },
    client,
    parkedEvents: () => parkedEvents(db),
    caseSyncState: (stream) => caseSyncState(db, stream),
    platformStreamState: (stream) => client.streamState(stream),
    async requestElicences(holderId) {
      const queued = await client.requestElicences(holderId);
      this.wake();
      return queued;
    },
  };
}

export const REVOKED_MESSAGE =
  '本工位已被大厅管理员停用：请向大厅管理员申请新的登记码，在“工位设置”中重新登记（已受理的办件都保留在本机，登记后自动补传）';

function isBlobRefusal(err: unknown): boolean {
  // The platform refused the blob itself (too large, bad request): counts against the event.
  return err instanceof PlatformRefusal && err.status >= 400 && err.status < 500 && err.status !== 401;
}

function messageFor(err: unknown): string {
  if (err instanceof PlatformUnreachable) return `${err.message}：离线期间照常受理、打印和签章，联网后自动补传`;
  if (err instanceof LocalBlobProblem) return err.message;
  if (err instanceof PlatformRefusal) {
    if (err.status === 401 && err.code === HALL_CODES.revoked) return REVOKED_MESSAGE;
    if (err.status === 401) return `中心平台拒绝了本工作站的凭据（${err.code}）：请联系信息科核对工作站编号和密钥`;
    return `中心平台拒绝请求（${err.code}：${err.message}）：请联系信息科`;
  }
  return `同步出错（${err instanceof Error ? err.message : String(err)}）：稍后自动重试，如持续出现请联系信息科`;
}

function readString(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function readNumber(db: Db, key: string): number | null {
  const v = readString(db, key);
  return v === null || !Number.isFinite(Number(v)) ? null : Number(v);
}

function readJson(db: Db, key: string): unknown {
  const v = readString(db, key);
  if (v === null) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

function isCheckpointRecord(v: unknown): v is { head: string } {
  return typeof v === 'object' && v !== null && typeof (v as { head?: unknown }).head === 'string';
}

function isErrorRecord(v: unknown): v is { message: string; at: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { message?: unknown }).message === 'string' &&
    typeof (v as { at?: unknown }).at === 'string'
  );
}

function writeState(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
