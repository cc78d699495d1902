/**
 * The link's pending-request path under line noise: a corrupted frame that arrives while the
 * request is still being written must reject that request, never the process.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeReply } from '../../../electron/devices/idcard/frame-codec';
import { LinkError, SamLink } from '../../../electron/devices/idcard/sam-link';
import type { SerialBindingPort } from '../../../electron/devices/idcard/serial-binding';

/** A port whose writes complete only when the test says so, and whose reads the test feeds. */
class ScriptedPort {
  readonly openOptions = { path: '/dev/scripted', baudRate: 115200 } as SerialBindingPort['openOptions'];
  isOpen = true;
  private reads: { resolve(n: { buffer: Buffer; bytesRead: number }): void; reject(e: unknown): void; buffer: Buffer }[] = [];
  private inbox: Buffer[] = [];
  finishWrite: (() => void) | null = null;

  feed(bytes: Uint8Array): void {
    this.inbox.push(Buffer.from(bytes));
    this.pump();
  }

  private pump(): void {
    while (this.reads.length > 0 && this.inbox.length > 0) {
      const r = this.reads.shift()!;
      const chunk = this.inbox.shift()!;
      chunk.copy(r.buffer);
      r.resolve({ buffer: r.buffer, bytesRead: chunk.length });
    }
  }

  read(buffer: Buffer): Promise<{ buffer: Buffer; bytesRead: number }> {
    return new Promise((resolve, reject) => {
      this.reads.push({ resolve, reject, buffer });
      this.pump();
    });
  }

  write(): Promise<void> {
    return new Promise((resolve) => (this.finishWrite = resolve));
  }

  async close(): Promise<void> {
    this.isOpen = false;
    for (const r of this.reads.splice(0)) r.reject(Object.assign(new Error('closed'), { canceled: true }));
  }

  update = async () => undefined;
  set = async () => undefined;
  get = async () => ({ cts: false, dsr: false, dcd: false });
  getBaudRate = async () => ({ baudRate: 115200 });
  flush = async () => undefined;
  drain = async () => undefined;
}

/** A frame with a valid preamble, a plausible length and a wrong checksum. */
function noiseFrame(): Uint8Array {
  const good = encodeReply(0x90, Uint8Array.of(1, 2, 3));
  good[good.length - 1] = (good[good.length - 1] ?? 0) ^ 0xff;
  return good;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Lets every pending I/O callback and microtask run, so a rejection nobody handles surfaces. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SamLink under noise', () => {
  it('a corrupt frame during the write rejects the request, not the process', async () => {
    const port = new ScriptedPort();
    const link = new SamLink(port as unknown as SerialBindingPort, { onLost: () => undefined });
    const reply = link.request(0x11, 0xff, 1000);
    await turn();
    expect(port.finishWrite).not.toBeNull();
    port.feed(noiseFrame());
    await turn();
    await turn();
    expect(unhandled).toEqual([]);
    port.finishWrite!();
    const err = await reply.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LinkError);
    expect((err as LinkError).failure).toBe('corrupt');
    await link.close();
  });

  it('after noise, the next request gets its reply', async () => {
    const port = new ScriptedPort();
    const link = new SamLink(port as unknown as SerialBindingPort, { onLost: () => undefined });
    const first = link.request(0x11, 0xff, 1000).catch((e: unknown) => e);
    await turn();
    port.feed(noiseFrame());
    port.finishWrite!();
    expect(await first).toBeInstanceOf(LinkError);
    const second = link.request(0x11, 0xff, 1000);
    await turn();
    port.finishWrite!();
    port.feed(encodeReply(0x90));
    expect((await second).sw3).toBe(0x90);
    await link.close();
  });

  it('summarises noise in the log instead of one line per stray byte', async () => {
    let clock = 0;
    const lines: string[] = [];
    const port = new ScriptedPort();
    const link = new SamLink(port as unknown as SerialBindingPort, {
      onLost: () => undefined,
      log: (l) => lines.push(l),
      now: () => clock,
      noiseLogIntervalMs: 10_000,
    });
    for (let i = 0; i < 1000; i++) {
      port.feed(Uint8Array.of(0x01, 0x02, 0x03));
      port.feed(noiseFrame());
      if (i % 100 === 0) await turn();
      clock += 10;
    }
    await turn();
    await turn();
    // 10 s of noise: the first event and at most one summary per interval.
    expect(lines.length).toBeLessThanOrEqual(3);
    await link.close();
    const all = lines.join('\n');
    // Nothing is lost in the summaries: every stray byte and bad frame is counted once.
    const sum = (re: RegExp) => [...all.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
    // Per round: 3 stray bytes, then the 13 bytes after the rejected frame's first byte.
    expect(sum(/skipped (\d+) stray byte/g)).toBe(1000 * (3 + 13));
    expect(sum(/rejected (\d+) frame\(s\) with a bad checksum/g)).toBe(1000);
  });
});
