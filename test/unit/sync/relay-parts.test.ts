import { describe, expect, it } from 'vitest';
import { backoffDelay, relayBackoffDelay } from '../../../electron/sync/backoff';
import { parseSyncConfig } from '../../../electron/sync/config';
import { hmac, requestCanonical, responseCanonical, signatureMatches } from '../../../electron/sync/signing';
import { clockWarning } from '../../../electron/sync/status';
import { FaultInjector, seededRandom } from '../../platform/faults';

describe('backoff', () => {
  it('grows exponentially, stays within half to full step, and caps', () => {
    const opts = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(0, opts, () => 0.5)).toBe(0);
    expect(backoffDelay(1, opts, () => 0)).toBe(50);
    expect(backoffDelay(1, opts, () => 0.999)).toBeCloseTo(99.95);
    expect(backoffDelay(3, opts, () => 0)).toBe(200);
    expect(backoffDelay(50, opts, () => 1)).toBe(1_000);
    expect(backoffDelay(50, opts, () => 0)).toBe(500);
  });

  it('retries a first failure after progress quickly, then doubles from the base step', () => {
    const opts = { baseMs: 250, maxMs: 300_000, firstMs: 100 };
    expect(relayBackoffDelay(0, opts, () => 0.5)).toBe(0);
    expect(relayBackoffDelay(1, opts, () => 0)).toBe(50);
    expect(relayBackoffDelay(2, opts, () => 0)).toBe(125);
    expect(relayBackoffDelay(3, opts, () => 0)).toBe(250);
    expect(relayBackoffDelay(60, opts, () => 1)).toBe(300_000);
    // A first step longer than the base is clamped to it (tests run with tiny bases).
    expect(relayBackoffDelay(1, { baseMs: 10, maxMs: 40, firstMs: 100 }, () => 1)).toBe(10);
  });

  it('spreads retries of many windows (jitter)', () => {
    const random = seededRandom(3);
    const delays = new Set(Array.from({ length: 50 }, () => Math.round(backoffDelay(4, { baseMs: 1_000, maxMs: 60_000 }, random))));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe('signatures', () => {
  const request = {
    workstationId: 'WS-1',
    method: 'post',
    path: '/v1/events',
    timestamp: 1_700_000_000_000,
    nonce: 'ab'.repeat(16),
    bodySha256: 'c'.repeat(64),
  };

  it('binds method, path, time, nonce and body', () => {
    const sig = hmac('secret-secret-secret', requestCanonical(request));
    expect(signatureMatches('secret-secret-secret', requestCanonical(request), sig)).toBe(true);
    for (const change of [
      { method: 'GET' },
      { path: '/v1/feed' },
      { timestamp: request.timestamp + 1 },
      { nonce: 'cd'.repeat(16) },
      { bodySha256: 'd'.repeat(64) },
      { workstationId: 'WS-2' },
    ]) {
      expect(signatureMatches('secret-secret-secret', requestCanonical({ ...request, ...change }), sig)).toBe(false);
    }
    expect(signatureMatches('another-secret-value', requestCanonical(request), sig)).toBe(false);
    expect(signatureMatches('secret-secret-secret', requestCanonical(request), 'not hex')).toBe(false);
  });

  it('ties a response to the nonce of its request', () => {
    const r = { nonce: 'ab'.repeat(16), status: 200, platformTime: 1, bodySha256: 'e'.repeat(64) };
    const sig = hmac('k'.repeat(16), responseCanonical(r));
    expect(signatureMatches('k'.repeat(16), responseCanonical({ ...r, nonce: 'cd'.repeat(16) }), sig)).toBe(false);
    expect(signatureMatches('k'.repeat(16), responseCanonical({ ...r, status: 500 }), sig)).toBe(false);
  });
});

describe('clock warning', () => {
  it('stays quiet within the threshold and says which way and how far beyond it', () => {
    expect(clockWarning(null, 120_000)).toBeNull();
    expect(clockWarning(-60_000, 120_000)).toBeNull();
    expect(clockWarning(10 * 60_000, 120_000)).toContain('慢约 10 分钟');
    expect(clockWarning(-24 * 3_600_000, 120_000)).toContain('快约 24 小时');
  });
});

describe('sync config', () => {
  it('fills defaults and refuses an incomplete provisioning with a message for IT', () => {
    const c = parseSyncConfig({ platform: { url: 'http://127.0.0.1:1', workstationId: 'WS', secret: 'x'.repeat(16) } });
    expect(c).toMatchObject({ batchSize: 200, maxInvalidAttempts: 5, chunkBytes: 1024 * 1024 });
    expect(() => parseSyncConfig({ platform: { url: 'nope', workstationId: '', secret: 'short' } })).toThrow(/联系信息科/);
  });
});

describe('fault injector', () => {
  it('is reproducible from its seed and consumes one-shot faults by route', () => {
    const plan = { seed: 9, probability: { drop: 0.1, 'lose-ack': 0.1 } };
    const a = new FaultInjector(plan);
    const b = new FaultInjector(plan);
    const seq = (f: FaultInjector): (string | null)[] => Array.from({ length: 200 }, () => f.decide('events')?.kind ?? null);
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    const faults = first.filter((k) => k !== null).length;
    expect(faults).toBeGreaterThan(20);
    expect(faults).toBeLessThan(70);

    const once = new FaultInjector({ once: [{ kind: 'cut', route: 'blob-chunk', cutAfterBytes: 10 }] });
    expect(once.decide('events')).toBeNull();
    expect(once.decide('blob-chunk')).toMatchObject({ kind: 'cut', cutAfterBytes: 10 });
    expect(once.decide('blob-chunk')).toBeNull();
  });
});
