import { afterEach, describe, expect, it } from 'vitest';
import { PlatformClient, PlatformRefusal, type FetchLike } from '../../../electron/sync/client';
import { hmac, newNonce, requestCanonical, sha256Hex } from '../../../electron/sync/signing';
import { HEADER } from '../../../electron/sync/wire';
import { WORKSTATION, setUp, type Bench } from './helpers';

let bench: Bench | undefined;
afterEach(async () => {
  await bench?.cleanup();
  bench = undefined;
});

function signedHeaders(path: string, timestamp: number, nonce = newNonce(), secret = WORKSTATION.secret): Record<string, string> {
  const signature = hmac(
    secret,
    requestCanonical({ workstationId: WORKSTATION.id, method: 'GET', path, timestamp, nonce, bodySha256: sha256Hex(new Uint8Array(0)) }),
  );
  return {
    [HEADER.workstation]: WORKSTATION.id,
    [HEADER.timestamp]: String(timestamp),
    [HEADER.nonce]: nonce,
    [HEADER.signature]: signature,
  };
}

describe('platform authentication', () => {
  it('accepts a signed request once and refuses its replay', async () => {
    bench = await setUp();
    const headers = signedHeaders('/v1/hello', Date.now());
    const first = await fetch(`${bench.platform.url}/v1/hello`, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get(HEADER.platformTime)).toMatch(/^\d+$/);
    const replay = await fetch(`${bench.platform.url}/v1/hello`, { headers });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'REPLAY' });
  });

  it('refuses a bad signature, an unknown workstation and a stale timestamp', async () => {
    bench = await setUp();
    const url = `${bench.platform.url}/v1/hello`;
    expect((await fetch(url, { headers: signedHeaders('/v1/hello', Date.now(), newNonce(), 'not-the-secret-at-all') })).status).toBe(401);
    expect((await fetch(url, { headers: { ...signedHeaders('/v1/hello', Date.now()), [HEADER.workstation]: 'WS-NOBODY' } })).status).toBe(
      401,
    );
    const stale = await fetch(url, { headers: signedHeaders('/v1/hello', Date.now() - 3_600_000) });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ code: 'CLOCK_SKEW' });
    // A path other than the one signed is refused too.
    expect((await fetch(`${bench.platform.url}/v1/feed`, { headers: signedHeaders('/v1/hello', Date.now()) })).status).toBe(401);
  });

  it('corrects for a platform clock an hour away and reports the offset', async () => {
    bench = await setUp({ clockSkewMs: 3_600_000 });
    const client = new PlatformClient({ ...clientOptions(bench), now: Date.now });
    const hello = await client.hello();
    expect(hello.workstationId).toBe(WORKSTATION.id);
    expect(Math.abs(client.offsetMs! - 3_600_000)).toBeLessThan(5_000);
  });

  it('refuses a response whose signature does not match the request', async () => {
    bench = await setUp();
    const b = bench;
    // A proxy that answers with a response it captured earlier.
    let captured: { status: number; headers: { get(name: string): string | null }; body: ArrayBuffer } | undefined;
    const replayingFetch: FetchLike = async (url, init) => {
      if (!captured) {
        const res = await (globalThis.fetch as unknown as FetchLike)(url, init);
        captured = { status: res.status, headers: res.headers, body: await res.arrayBuffer() };
      }
      const { status, headers, body } = captured;
      return { status, headers, arrayBuffer: async () => body };
    };
    const client = new PlatformClient({ ...clientOptions(b), fetch: replayingFetch });
    await client.hello();
    await expect(client.hello()).rejects.toThrow(/无法验证/);
    await expect(client.hello()).rejects.not.toBeInstanceOf(PlatformRefusal);
  });
});

function clientOptions(b: Bench): ConstructorParameters<typeof PlatformClient>[0] {
  return {
    url: b.platform.url,
    workstationId: WORKSTATION.id,
    secret: WORKSTATION.secret,
    fetch: globalThis.fetch as unknown as FetchLike,
    now: Date.now,
    requestTimeoutMs: 5_000,
  };
}
