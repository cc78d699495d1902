import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HEADER, type EventResult, type FeedItem } from '../../electron/sync/wire';
import { publish as publishFeed } from '../../hall/core/feed';
import { registerWindow, restartFeedEpoch } from '../../hall/seed/windows';
import { startHall, type HallServer } from '../../hall/server';
import { FaultInjector, type FaultPlan, type PlatformRoute } from './faults';
import { HallLeg, messageHeaders, readBody, type Answer } from './forward';
import { acquireHallDatabase } from './hall-database';
import { HallView } from './hall-view';
import { mergedAnswer, parseJson, remainingRequest, splitBatch, type EventRule } from './local-refusals';

export type { EventRule } from './local-refusals';

/**
 * The test platform: a real hall server (hall/, PGlite or PostgreSQL) behind a fault-injecting
 * HTTP proxy on loopback — what a flaky network, a proxy and an overloaded platform do to a
 * workstation, in front of the real thing. Used by integration tests, the benchmark, the day-at-
 * the-window e2e test and `npm run platform` (training and demos). Workstations are registered
 * in the hall with the ids and secrets the caller gives (hall/seed: a test path, not a route).
 */
export interface PlatformOptions {
  port?: number;
  host?: string;
  /** A PGlite directory or a postgres:// URL; absent: an empty in-memory-like PGlite from a pool. */
  database?: string;
  workstations: { id: string; secret: string }[];
  faults?: FaultPlan;
  /** Accepted distance between a request's timestamp and the platform clock. */
  timestampWindowMs?: number;
  /** A test-only business rule an event can fail (refused `invalid`, code RULE). */
  eventRule?: EventRule;
  /** Model a provincial platform that keys positions by stream alone (not a hall). */
  positionsByStream?: boolean;
}

export interface PlatformStats {
  requests: number;
  /** Every request body byte read off the wire, including cut chunks. */
  bytesReceived: number;
  /** Chunk bytes the hall appended to blobs. */
  chunkBytesCommitted: number;
  /** How often a whole chunk arrived at each `sha:offset` (1 everywhere = nothing resent). */
  chunkArrivals: Map<string, number>;
  eventsAccepted: number;
  eventsRepeated: number;
  eventsRefused: number;
  gaps: number;
}

export interface Platform {
  /** Where workstations connect: the proxy. */
  url: string;
  port: number;
  /** The hall behind the proxy. */
  hall: HallServer;
  store: HallView;
  stats: PlatformStats;
  faults: FaultInjector;
  setFaults(plan: FaultPlan): void;
  /** Platform clock (with injected skew): the hall's clock. */
  now(): number;
  digest(workstationId: string): Promise<{ count: number; digest: string }>;
  publish(item: FeedItem, workstationId?: string | null): Promise<void>;
  /** Forgets every cursor handed out: the next pull is answered with RESYNC_REQUIRED. */
  requireResync(): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const faults = new FaultInjector(options.faults);
  const now = (): number => Date.now() + faults.clockSkewMs;
  const database = await acquireHallDatabase(options.database);
  const { sql } = database;
  for (const w of options.workstations) await registerWindow(sql, w, new Date(now()));
  const hall = await startHall({
    sql,
    hall: { hallName: '参考中心平台（测试）', hallCode: 'TP' },
    port: 0,
    now,
    timestampWindowMs: options.timestampWindowMs,
  });
  const leg = new HallLeg(hall.port);
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
  const lastAnswer = new Map<string, Answer>();
  const sockets = new Set<Socket>();
  const streams = new Set<() => void>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The hall could not be reached (closing): answered like a proxy would, unsigned.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      } else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const headers = messageHeaders(req.headers);
    if (method === 'GET' && path.startsWith('/v1/feed/stream')) return passStream(method, path, headers, res);
    const route = routeOf(method, new URL(path, 'http://platform').pathname);
    const fault = route ? faults.decide(route) : null;
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
    const body = await readBody(req, fault, (n) => (stats.bytesReceived += n));
    if (body === null) return; // cut mid-body
    if (fault?.kind === 'error500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end('injected failure');
    }
    // A proxy sends the request twice: the first is processed, the answer to the second (a replay) comes back.
    if (fault?.kind === 'duplicate-request') await exchange(route, method, path, headers, body);
    const answer = await exchange(route, method, path, headers, body);
    if (fault?.kind === 'lose-ack') return void req.socket.destroy();
    const workstation = headers[HEADER.workstation];
    const signed = workstation !== undefined && answer.headers[HEADER.signature] !== undefined;
    const previous = signed ? lastAnswer.get(workstation) : undefined;
    if (signed) lastAnswer.set(workstation, answer);
    const sent = fault?.kind === 'duplicate-response' && previous ? previous : answer;
    res.writeHead(sent.status, sent.headers);
    res.end(sent.body);
  }

  /** One request to the hall (with the test platform's own refusals on events), counted in the stats. */
  async function exchange(
    route: PlatformRoute | null,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Uint8Array,
  ): Promise<Answer> {
    let answer: Answer;
    if (route === 'events') {
      const split = await splitBatch(sql, options, headers, path, body);
      if (split) {
        const total = split.events.length + split.refused.size;
        const rest = split.events.length > 0 ? remainingRequest(split, headers, path) : null;
        const fromHall = rest ? await leg.send(method, path, rest.headers, rest.body) : null;
        answer = mergedAnswer(split, total, fromHall, now());
      } else answer = await leg.send(method, path, headers, body);
    } else answer = await leg.send(method, path, headers, body);
    count(route, path, headers, body, answer);
    return answer;
  }

  function count(route: PlatformRoute | null, path: string, headers: Record<string, string>, body: Uint8Array, answer: Answer): void {
    if (answer.status !== 200) return;
    if (route === 'events') {
      const results = (parseJson(answer.body) as { results?: EventResult[] } | undefined)?.results ?? [];
      for (const r of results) {
        if (r.status === 'accepted' && r.repeated) stats.eventsRepeated++;
        else if (r.status === 'accepted') stats.eventsAccepted++;
        else if (r.status === 'gap') stats.gaps++;
        else stats.eventsRefused++;
      }
    }
    if (route === 'blob-chunk') {
      const key = `${path.split('?')[0]?.split('/').at(-1) ?? ''}:${headers[HEADER.offset] ?? ''}`;
      stats.chunkArrivals.set(key, (stats.chunkArrivals.get(key) ?? 0) + 1);
      stats.chunkBytesCommitted += body.byteLength;
    }
  }

  function passStream(method: string, path: string, headers: Record<string, string>, res: ServerResponse): void {
    const stop = leg.stream(method, path, headers, (from) => {
      res.writeHead(from.statusCode ?? 502, messageHeaders(from.headers));
      from.pipe(res);
    });
    streams.add(stop);
    res.on('close', () => {
      stop();
      streams.delete(stop);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const store = new HallView(sql);

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    hall,
    store,
    stats,
    faults,
    setFaults: (plan) => faults.set(plan),
    now,
    digest: (ws) => store.digest(ws),
    async publish(item, ws = null) {
      const at = new Date(now()).toISOString();
      await sql.transaction((tx) => publishFeed(tx, [{ item, workstation: ws }], at));
    },
    async requireResync() {
      await restartFeedEpoch(sql);
    },
    async close() {
      for (const stop of streams) stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      leg.close();
      await hall.close();
      await database.release();
    },
  };
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
