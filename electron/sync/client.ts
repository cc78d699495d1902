import type { z } from 'zod';
import {
  HEADER,
  PLATFORM_CODES,
  blobState,
  blobStateRequest,
  elicenceRequestResult,
  feedPage,
  hello,
  platformError,
  pushResponse,
  streamState,
  checkpoint,
  checkpointResult,
  latestCheckpoint,
  type BlobState,
  type Checkpoint,
  type LatestCheckpoint,
  type FeedPage,
  type PushResponse,
  type StreamState,
  type WireEvent,
} from './wire';
import { hmac, newNonce, requestCanonical, responseCanonical, sha256Hex, signatureMatches } from './signing';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** The platform could not be reached, or its answer could not be trusted: retry later. */
export class PlatformUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformUnreachable';
  }
}

/** The platform answered, authentically, with a refusal. */
export class PlatformRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'PlatformRefusal';
  }
}

export interface PlatformClientOptions {
  url: string;
  workstationId: string;
  secret: string;
  fetch: FetchLike;
  now: () => number;
  requestTimeoutMs: number;
  /** Last known platform-minus-local clock offset, so a restart signs correctly at once. */
  initialOffsetMs?: number | null;
}

interface Answer {
  status: number;
  json: unknown;
  /** The verified body bytes (a blob download is not JSON). */
  raw: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Signs every request, verifies every response and keeps the platform's clock offset. Requests
 * are timestamped with the platform-corrected clock so a wrong workstation clock never stops
 * sync; the offset itself is reported for the clerk and IT to fix.
 */
/** A request's extras: a body hash computed ahead (blob chunks), or a binary answer (blob fetch). */
interface SendOptions {
  bodySha256?: string;
  wantBytes?: boolean;
}

export class PlatformClient {
  offsetMs: number | null;
  private readonly base: string;
  private abort = new AbortController();

  constructor(private readonly opts: PlatformClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.offsetMs = opts.initialOffsetMs ?? null;
  }

  /** Aborts requests in flight (used by stop()); later requests work again. */
  cancelInFlight(): void {
    this.abort.abort();
    this.abort = new AbortController();
  }

  async hello(): Promise<z.infer<typeof hello>> {
    return hello.parse(await this.ok(await this.send('GET', '/v1/hello')));
  }

  async pushEvents(events: readonly WireEvent[]): Promise<PushResponse> {
    return pushResponse.parse(await this.ok(await this.send('POST', '/v1/events', json({ events }))));
  }

  async blobState(sha256: string, size: number): Promise<BlobState> {
    return blobState.parse(await this.ok(await this.send('POST', `/v1/blobs/${sha256}`, json(blobStateRequest.parse({ size })))));
  }

  /** `bytesSha256`, when the caller already hashed the chunk (off the main thread), saves hashing it again to sign. */
  async uploadChunk(sha256: string, offset: number, bytes: Uint8Array, bytesSha256?: string): Promise<BlobState> {
    const answer = await this.send(
      'PATCH',
      `/v1/blobs/${sha256}`,
      bytes,
      { [HEADER.offset]: String(offset), 'content-type': 'application/octet-stream' },
      { bodySha256: bytesSha256 },
    );
    return blobState.parse(await this.ok(answer));
  }

  async feed(cursor: string, limit: number): Promise<FeedPage> {
    const q = new URLSearchParams({ cursor, limit: String(limit) });
    return feedPage.parse(await this.ok(await this.send('GET', `/v1/feed?${q.toString()}`)));
  }

  async requestElicences(holderId: string): Promise<number> {
    return elicenceRequestResult.parse(await this.ok(await this.send('POST', '/v1/elicence-requests', json({ holderId })))).queued;
  }

  /** Hands the platform a checkpoint of the journal's chain head (the request is signed like all). */
  async sendCheckpoint(c: Checkpoint): Promise<{ seq: number; matches: boolean }> {
    return checkpointResult.parse(await this.ok(await this.send('POST', '/v1/checkpoints', json(checkpoint.parse(c)))));
  }

  /** The highest checkpoint the platform holds for this workstation (for `audit verify`). */
  async latestCheckpoint(): Promise<LatestCheckpoint['checkpoint']> {
    return latestCheckpoint.parse(await this.ok(await this.send('GET', '/v1/checkpoints/latest'))).checkpoint;
  }

  /**
   * A signed JSON request the hall adds to protocol v1 (docs/platform-protocol.md section 9),
   * parsed with the caller's schema; refusals throw PlatformRefusal like every other call.
   */
  async call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const answer = await this.send(method, path, body === undefined ? undefined : json(body));
    return schema.parse(await this.ok(answer));
  }

  /** A signed download (`GET /v1/blobs/<sha256>`): the verified bytes. */
  async download(path: string): Promise<Uint8Array> {
    const answer = await this.send('GET', path, undefined, {}, { wantBytes: true });
    if (answer.status >= 200 && answer.status < 300) return answer.raw;
    await this.ok(answer);
    throw new PlatformUnreachable(`中心平台应答异常（HTTP ${answer.status}）`);
  }

  /** The headers of a signed request, for a channel that is not a request-response (the push stream). */
  signedHeaders(method: string, path: string): Record<string, string> {
    const nonce = newNonce();
    const timestamp = Math.round(this.opts.now() + (this.offsetMs ?? 0));
    const signature = hmac(
      this.opts.secret,
      requestCanonical({
        workstationId: this.opts.workstationId,
        method,
        path,
        timestamp,
        nonce,
        bodySha256: sha256Hex(new Uint8Array(0)),
      }),
    );
    return {
      [HEADER.workstation]: this.opts.workstationId,
      [HEADER.timestamp]: String(timestamp),
      [HEADER.nonce]: nonce,
      [HEADER.signature]: signature,
    };
  }

  get baseUrl(): string {
    return this.base;
  }

  async streamState(stream: string): Promise<StreamState> {
    return streamState.parse(await this.ok(await this.send('GET', `/v1/streams/${encodeURIComponent(stream)}`)));
  }

  private async ok(answer: Answer): Promise<unknown> {
    if (answer.status >= 200 && answer.status < 300) return answer.json;
    const body = platformError.safeParse(answer.json);
    const code = body.success ? body.data.code : 'UNKNOWN';
    const message = body.success ? body.data.message : `HTTP ${answer.status}`;
    throw new PlatformRefusal(answer.status, code, message, body.success ? body.data.offset : undefined);
  }

  private async send(
    method: string,
    path: string,
    body?: Uint8Array,
    extraHeaders: Record<string, string> = {},
    opts: SendOptions = {},
  ): Promise<Answer> {
    let answer = await this.sendOnce(method, path, body, extraHeaders, opts);
    // Each retry is signed afresh (new nonce, corrected time). A refused timestamp comes back
    // signed with the platform's time: adopt it and try again. A replayed nonce means the request
    // was duplicated on the way (a proxy, a retry): the platform saw it, the credentials are fine.
    for (let retry = 0; retry < 2 && answer.status === 401; retry++) {
      const code = codeOf(answer.json);
      if (code !== PLATFORM_CODES.clockSkew && code !== PLATFORM_CODES.replay) break;
      answer = await this.sendOnce(method, path, body, extraHeaders, opts);
    }
    if (answer.status === 401 && codeOf(answer.json) === PLATFORM_CODES.replay) {
      throw new PlatformUnreachable('中心平台收到了重复的请求（网络或代理重发）');
    }
    return answer;
  }

  private async sendOnce(
    method: string,
    path: string,
    body: Uint8Array | undefined,
    extraHeaders: Record<string, string>,
    { bodySha256, wantBytes = false }: SendOptions = {},
  ): Promise<Answer> {
    const bytes = body ?? new Uint8Array(0);
    const nonce = newNonce();
    const sentAt = this.opts.now();
    const timestamp = Math.round(sentAt + (this.offsetMs ?? 0));
    const signature = hmac(
      this.opts.secret,
      requestCanonical({
        workstationId: this.opts.workstationId,
        method,
        path,
        timestamp,
        nonce,
        bodySha256: bodySha256 ?? sha256Hex(bytes),
      }),
    );
    const headers: Record<string, string> = {
      ...extraHeaders,
      [HEADER.workstation]: this.opts.workstationId,
      [HEADER.timestamp]: String(timestamp),
      [HEADER.nonce]: nonce,
      [HEADER.signature]: signature,
    };
    if (body && !headers['content-type']) headers['content-type'] = 'application/json';
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.requestTimeoutMs)]);
    let status: number;
    let raw: Uint8Array;
    let platformTimeHeader: string | null;
    let responseSignature: string | null;
    try {
      const res = await this.opts.fetch(this.base + path, { method, headers, body: body ?? undefined, signal });
      status = res.status;
      platformTimeHeader = res.headers.get(HEADER.platformTime);
      responseSignature = res.headers.get(HEADER.signature);
      raw = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw new PlatformUnreachable(`无法连接中心平台（${describe(err)}）`);
    }
    const receivedAt = this.opts.now();
    const platformTime = Number(platformTimeHeader);
    const verified =
      platformTimeHeader !== null &&
      Number.isFinite(platformTime) &&
      responseSignature !== null &&
      signatureMatches(this.opts.secret, responseCanonical({ nonce, status, platformTime, bodySha256: sha256Hex(raw) }), responseSignature);
    if (!verified) {
      if (status === 401) throw new PlatformRefusal(401, PLATFORM_CODES.unauthenticated, '平台拒绝了本工作站的凭据');
      // Unsigned or stale (e.g. a duplicated response of an earlier request): never an ack.
      throw new PlatformUnreachable(`中心平台的应答无法验证（HTTP ${status}）`);
    }
    this.offsetMs = platformTime - (sentAt + receivedAt) / 2;
    if (status >= 500) throw new PlatformUnreachable(`中心平台暂时故障（HTTP ${status}）`);
    let parsed: unknown = null;
    // A successful download is bytes; its refusals are JSON like every other.
    if (wantBytes && status >= 200 && status < 300) return { status, json: null, raw };
    if (raw.byteLength > 0) {
      try {
        parsed = JSON.parse(decoder.decode(raw)) as unknown;
      } catch {
        throw new PlatformUnreachable('中心平台的应答格式错误');
      }
    }
    return { status, json: parsed, raw };
  }
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function codeOf(value: unknown): string | undefined {
  const parsed = platformError.safeParse(value);
  return parsed.success ? parsed.data.code : undefined;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const causeCode = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    if (err.name === 'TimeoutError') return '请求超时';
    if (err.name === 'AbortError') return '请求已取消';
    return typeof causeCode === 'string' ? causeCode : err.message;
  }
  return String(err);
}
