import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  HEADER,
  MAX_CHUNK_BYTES,
  PLATFORM_CODES,
  PROTOCOL_VERSION,
  checkpoint,
  elicenceRequest,
  pushRequest,
  blobStateRequest,
  type FeedItem,
} from '../../electron/sync/wire';
import { hmac, requestCanonical, responseCanonical, sha256Hex, signatureMatches } from '../../electron/sync/signing';
import { FaultInjector, type FaultDecision, type FaultPlan, type PlatformRoute } from './faults';
import { PlatformStore, type EventRule } from './store';

/**
 * The reference central platform: real HTTP on loopback, its own SQLite store, the v1 protocol
 * of docs/platform-protocol.md, and fault injection. Used by integration tests, the benchmark,
 * and `npm run platform` for training and demos.
 */
export interface PlatformOptions {
  port?: number;
  host?: string;
  dbFile: string;
  workstations: { id: string; secret: string }[];
  faults?: FaultPlan;
  /** Accepted distance between a request's timestamp and the platform clock. */
  timestampWindowMs?: number;
  eventRule?: EventRule;
}

export interface PlatformStats {
  requests: number;
  /** Every request body byte read off the wire, including cut chunks. */
  bytesReceived: number;
  /** Chunk bytes appended to blobs. */
  chunkBytesCommitted: number;
  /** How often a whole chunk arrived at each `sha:offset` (1 everywhere = nothing resent). */
  chunkArrivals: Map<string, number>;
  eventsAccepted: number;
  eventsRepeated: number;
  eventsRefused: number;
  gaps: number;
}

export interface Platform {
  url: string;
  port: number;
  store: PlatformStore;
  stats: PlatformStats;
  faults: FaultInjector;
  setFaults(plan: FaultPlan): void;
  /** Platform clock (with injected skew). */
  now(): number;
  digest(workstationId: string): { count: number; digest: string };
  publish(item: FeedItem, workstationId?: string | null): void;
  /** Forgets every cursor handed out: the next pull is answered with RESYNC_REQUIRED. */
  requireResync(): void;
  close(): Promise<void>;
}

interface Authed {
  workstation: string;
  secret: string;
  nonce: string;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Set when the requester was authenticated, so the refusal can be signed for it. */
    readonly signedFor: Authed | null = null,
  ) {
    super(message);
  }
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const store = new PlatformStore(options.dbFile);
  const secrets = new Map(options.workstations.map((w) => [w.id, w.secret]));
  const faults = new FaultInjector(options.faults);
  const windowMs = options.timestampWindowMs ?? 5 * 60_000;
  const stats: PlatformStats = {
    requests: 0,
    bytesReceived: 0,
    chunkBytesCommitted: 0,
    chunkArrivals: new Map(),
    eventsAccepted: 0,
    eventsRepeated: 0,
    eventsRefused: 0,
    gaps: 0,
  };
  const lastResponse = new Map<string, { status: number; headers: Record<string, string>; body: Uint8Array }>();
  const sockets = new Set<Socket>();
  const now = (): number => Date.now() + faults.clockSkewMs;
  const nonces = new NonceCache();
  // Nonces live in memory only; refusing timestamps from before this start keeps a request
  // captured before a restart from being replayed after it.
  const startedAt = now();
  const iso = (): string => new Date(now()).toISOString();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL', message: String(err) }));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://platform');
    const route = routeOf(req.method ?? 'GET', url.pathname);
    const fault = route ? faults.decide(route) : null;
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
    const body = await readBody(req, fault, stats);
    if (body === null) return; // cut mid-body
    if (fault?.kind === 'error500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end('injected failure');
    }
    let auth: Authed | null = null;
    let status = 200;
    let payload: unknown;
    if (fault?.kind === 'duplicate-request' && route) {
      // The first copy is processed and its answer lost; the second, below, is a replay.
      try {
        await dispatch(route, req, url, body, authenticate(req, url, body));
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
      }
    }
    try {
      if (!route) throw new Refusal(404, PLATFORM_CODES.notFound, '没有这个接口');
      auth = authenticate(req, url, body);
      payload = await dispatch(route, req, url, body, auth);
    } catch (err) {
      if (err instanceof Refusal) {
        status = err.status;
        payload = { code: err.code, message: err.message, ...err.extra };
        auth = err.signedFor ?? auth;
      } else throw err;
    }
    if (fault?.kind === 'lose-ack') return void req.socket.destroy();
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const platformTime = now();
    const headers: Record<string, string> = { 'content-type': 'application/json', [HEADER.platformTime]: String(platformTime) };
    if (auth)
      headers[HEADER.signature] = hmac(
        auth.secret,
        responseCanonical({ nonce: auth.nonce, status, platformTime, bodySha256: sha256Hex(bytes) }),
      );
    const previous = auth ? lastResponse.get(auth.workstation) : undefined;
    if (auth) lastResponse.set(auth.workstation, { status, headers, body: bytes });
    if (fault?.kind === 'duplicate-response' && previous) {
      res.writeHead(previous.status, previous.headers);
      return void res.end(previous.body);
    }
    res.writeHead(status, headers);
    res.end(bytes);
  }

  function authenticate(req: IncomingMessage, url: URL, body: Uint8Array): Authed {
    const workstation = header(req, HEADER.workstation);
    const timestamp = Number(header(req, HEADER.timestamp));
    const nonce = header(req, HEADER.nonce);
    const signature = header(req, HEADER.signature);
    const secret = workstation ? secrets.get(workstation) : undefined;
    if (!workstation || !secret || !nonce || !signature || !/^[0-9a-f]{16,64}$/.test(nonce) || !Number.isFinite(timestamp)) {
      throw new Refusal(401, PLATFORM_CODES.unauthenticated, '未知工作站或缺少签名');
    }
    const canonical = requestCanonical({
      workstationId: workstation,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      timestamp,
      nonce,
      bodySha256: sha256Hex(body),
    });
    if (!signatureMatches(secret, canonical, signature)) throw new Refusal(401, PLATFORM_CODES.unauthenticated, '签名无效');
    const authed = { workstation, secret, nonce };
    const platformNow = now();
    // Signed, so the workstation can trust the platform time in it and correct its own.
    if (Math.abs(timestamp - platformNow) > windowMs || timestamp < startedAt - 1_000) {
      throw new Refusal(401, PLATFORM_CODES.clockSkew, '请求时间超出允许范围', { platformTime: platformNow }, authed);
    }
    if (!nonces.use(`${workstation} ${nonce}`, timestamp + windowMs, platformNow))
      throw new Refusal(401, PLATFORM_CODES.replay, '重复的请求（重放）', {}, authed);
    return authed;
  }

  async function dispatch(route: PlatformRoute, req: IncomingMessage, url: URL, body: Uint8Array, auth: Authed): Promise<unknown> {
    switch (route) {
      case 'hello':
        return { protocol: PROTOCOL_VERSION, workstationId: auth.workstation, platformTime: now() };
      case 'events': {
        const parsed = pushRequest.safeParse(parseJson(body));
        if (!parsed.success)
          throw new Refusal(400, PLATFORM_CODES.badRequest, `事件批次格式错误：${parsed.error.issues[0]?.message ?? ''}`);
        const results = store.acceptEvents(auth.workstation, parsed.data.events, options.eventRule, iso());
        for (const r of results) {
          if (r.status === 'accepted' && r.repeated) stats.eventsRepeated++;
          else if (r.status === 'accepted') stats.eventsAccepted++;
          else if (r.status === 'gap') stats.gaps++;
          else stats.eventsRefused++;
        }
        return { results };
      }
      case 'blob-state': {
        const parsed = blobStateRequest.safeParse(parseJson(body));
        if (!parsed.success) throw new Refusal(400, PLATFORM_CODES.badRequest, '缺少文件大小');
        return store.blobState(shaOf(url), parsed.data.size, iso());
      }
      case 'blob-chunk': {
        const sha = shaOf(url);
        const offset = Number(header(req, HEADER.offset));
        if (!Number.isInteger(offset) || offset < 0) throw new Refusal(400, PLATFORM_CODES.badRequest, '缺少偏移量');
        const key = `${sha}:${offset}`;
        const outcome = await store.appendChunk(sha, offset, body, iso());
        if (!outcome.ok) {
          if (outcome.code === 'OFFSET_MISMATCH')
            throw new Refusal(409, PLATFORM_CODES.offsetMismatch, '偏移量与平台不一致', { offset: outcome.state?.offset ?? 0 });
          if (outcome.code === 'HASH_MISMATCH') throw new Refusal(422, PLATFORM_CODES.hashMismatch, '文件内容与其哈希不符，已从头重新接收');
          if (outcome.code === 'TOO_LARGE') throw new Refusal(413, PLATFORM_CODES.tooLarge, '数据超出声明的文件大小');
          throw new Refusal(404, PLATFORM_CODES.notFound, '请先声明上传');
        }
        stats.chunkArrivals.set(key, (stats.chunkArrivals.get(key) ?? 0) + 1);
        stats.chunkBytesCommitted += body.byteLength;
        return outcome.state;
      }
      case 'feed':
        return feedPage(auth.workstation, url);
      case 'elicence-request': {
        const parsed = elicenceRequest.safeParse(parseJson(body));
        if (!parsed.success) throw new Refusal(400, PLATFORM_CODES.badRequest, '缺少持证主体');
        const items = store.elicencesOf(parsed.data.holderId);
        for (const item of items) store.publish(item, auth.workstation, iso());
        return { queued: items.length };
      }
      case 'stream':
        return store.streamState(decodeURIComponent(url.pathname.slice('/v1/streams/'.length)));
      case 'checkpoint': {
        const parsed = checkpoint.safeParse(parseJson(body));
        if (!parsed.success) throw new Refusal(400, PLATFORM_CODES.badRequest, '检查点格式错误');
        return store.addCheckpoint(auth.workstation, parsed.data, iso());
      }
      case 'checkpoint-latest':
        return { checkpoint: store.latestCheckpoint(auth.workstation) };
    }
  }

  function feedPage(workstation: string, url: URL): unknown {
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? '100') || 100, 1), 1000);
    const raw = url.searchParams.get('cursor') ?? '';
    const epoch = store.meta('feed.epoch') ?? '';
    let after = 0;
    if (raw !== '') {
      const cursor = decodeCursor(raw);
      if (!cursor || cursor.e !== epoch) throw new Refusal(410, PLATFORM_CODES.resyncRequired, '同步位置已失效，请从头重新同步');
      after = cursor.s;
    }
    const rows = store.feedAfter(workstation, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1)?.seq ?? after;
    return { items: page.map((r) => r.item), cursor: encodeCursor({ e: epoch, s: last }), more: rows.length > limit };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    stats,
    faults,
    setFaults: (plan) => faults.set(plan),
    now,
    digest: (ws) => store.digest(ws),
    publish: (item, ws = null) => store.publish(item, ws, iso()),
    requireResync: () => store.setMeta('feed.epoch', randomUUID()),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      store.close();
    },
  };
}

/** Nonces seen within their validity window (timestamp ± window), forgotten after it. */
class NonceCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  use(key: string, expiresAt: number, nowMs: number): boolean {
    if (nowMs >= this.nextSweep) {
      for (const [k, exp] of this.seen) if (exp < nowMs) this.seen.delete(k);
      this.nextSweep = nowMs + 10_000;
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAt);
    return true;
  }
}

function routeOf(method: string, path: string): PlatformRoute | null {
  if (method === 'GET' && path === '/v1/hello') return 'hello';
  if (method === 'POST' && path === '/v1/events') return 'events';
  if (method === 'POST' && /^\/v1\/blobs\/[0-9a-f]{64}$/.test(path)) return 'blob-state';
  if (method === 'PATCH' && /^\/v1\/blobs\/[0-9a-f]{64}$/.test(path)) return 'blob-chunk';
  if (method === 'GET' && path === '/v1/feed') return 'feed';
  if (method === 'POST' && path === '/v1/elicence-requests') return 'elicence-request';
  if (method === 'GET' && path.startsWith('/v1/streams/')) return 'stream';
  if (method === 'POST' && path === '/v1/checkpoints') return 'checkpoint';
  if (method === 'GET' && path === '/v1/checkpoints/latest') return 'checkpoint-latest';
  return null;
}

/** Reads the whole body, or, for a 'cut' fault, part of it before closing the connection. */
function readBody(req: IncomingMessage, fault: FaultDecision | null, stats: PlatformStats): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const limit = MAX_CHUNK_BYTES + 1024 * 1024;
  const cutAt = fault?.kind === 'cut' ? (fault.cutAfterBytes ?? Math.floor(declared * fault.cutShare)) : Infinity;
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let received = 0;
    let settled = false;
    const stop = (): void => {
      settled = true;
      req.socket.destroy();
      resolve(null);
    };
    if (declared > limit) return stop();
    if (cutAt <= 0) return stop();
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = Math.min(cutAt, limit) - received;
      const take = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      received += take.byteLength;
      stats.bytesReceived += take.byteLength;
      parts.push(take);
      if (received >= cutAt || received >= limit) stop();
    });
    req.on('end', () => {
      if (!settled) {
        settled = true;
        resolve(new Uint8Array(Buffer.concat(parts)));
      }
    });
    req.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch {
    return undefined;
  }
}

function shaOf(url: URL): string {
  return url.pathname.split('/').at(-1) ?? '';
}

function encodeCursor(c: { e: string; s: number }): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): { e: string; s: number } | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && typeof (v as { e?: unknown }).e === 'string' && Number.isInteger((v as { s?: unknown }).s)) {
      return v as { e: string; s: number };
    }
  } catch {
    // fall through: an unreadable cursor is answered like a stale one
  }
  return null;
}
