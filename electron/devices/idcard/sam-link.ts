/**
 * One open port to a SAM: a read loop feeding the frame decoder, and request/reply with exactly
 * one request in flight and a timeout on each. A read error that is not a deliberate close means
 * the reader is gone: every waiter is released and `onLost` fires once.
 */
import type { SerialBindingPort } from './serial-binding';
import { FrameDecoder, encodeRequest, replyOf, type Reply } from './frame-codec';
import { sw3Hex } from './sam-protocol';

export type LinkFailure = 'timeout' | 'corrupt' | 'lost' | 'closed';

export class LinkError extends Error {
  constructor(
    readonly failure: LinkFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

interface Pending {
  resolve(reply: Reply): void;
  reject(err: LinkError): void;
  timer: NodeJS.Timeout;
}

export interface SamLinkOptions {
  onLost(cause: Error): void;
  log?: (line: string) => void;
  /** Line noise is logged as one summary per interval (default 10 s), not one line per event. */
  noiseLogIntervalMs?: number;
  now?: () => number;
}

/** Counts what the decoder threw away since the last summary line. */
interface NoiseTally {
  strayBytes: number;
  badChecksums: number;
  badLengths: number;
  orphanReplies: number;
}

const noop = (): void => undefined;

const emptyTally = (): NoiseTally => ({ strayBytes: 0, badChecksums: 0, badLengths: 0, orphanReplies: 0 });

export class SamLink {
  private readonly decoder = new FrameDecoder();
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private state: 'open' | 'closed' | 'lost' = 'open';
  private noise = emptyTally();
  private noiseSince: number | null = null;

  constructor(
    private readonly port: SerialBindingPort,
    private readonly options: SamLinkOptions,
  ) {
    void this.readLoop();
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Sends one command and waits for its reply; requests queue behind each other. */
  request(cmd: number, para: number, timeoutMs: number, data?: Uint8Array): Promise<Reply> {
    const run = async (): Promise<Reply> => {
      if (this.state !== 'open') throw new LinkError(this.state === 'lost' ? 'lost' : 'closed', '读卡器连接已断开');
      // A reply that arrived after an earlier timeout must not be taken for this one's.
      this.decoder.reset();
      const reply = new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending = null;
          reject(new LinkError('timeout', `读卡器在 ${timeoutMs} 毫秒内没有应答（命令 ${sw3Hex(cmd)} ${sw3Hex(para)}）`));
        }, timeoutMs);
        this.pending = { resolve, reject, timer };
      });
      // Noise or a timeout can reject the reply while the write below is still in flight, before
      // anyone awaits it; without a handler attached now that would be an unhandled rejection
      // (which ends a Node process). The caller still receives the rejection through `return reply`.
      reply.catch(() => undefined);
      const written = this.port.write(Buffer.from(encodeRequest(cmd, para, data))).then(
        () => undefined,
        (err: unknown) => this.lose(err instanceof Error ? err : new Error(String(err))),
      );
      // A write the OS never completes (a stalled tty) must not hold the queue past the reply's
      // own timeout: whichever settles first lets the next request go.
      await Promise.race([written, reply.then(noop, noop)]);
      return reply;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closed';
    this.flushNoise();
    this.failPending(new LinkError('closed', '读卡器连接已关闭'));
    try {
      await this.port.close();
    } catch {
      // Closing a port whose device vanished can fail; it is closed either way.
    }
  }

  private async readLoop(): Promise<void> {
    const buffer = Buffer.alloc(4096);
    while (this.state === 'open') {
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.port.read(buffer, 0, buffer.length));
      } catch (err) {
        const canceled = typeof err === 'object' && err !== null && (err as { canceled?: unknown }).canceled === true;
        if (this.state === 'open' && !canceled) this.lose(err instanceof Error ? err : new Error(String(err)));
        else if (this.state === 'open') this.lose(new Error('port closed underneath the reader'));
        return;
      }
      this.onBytes(buffer.subarray(0, bytesRead));
    }
  }

  private onBytes(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      switch (event.kind) {
        case 'frame': {
          const pending = this.pending;
          if (!pending) {
            this.countNoise('orphanReplies', 1);
            break;
          }
          this.pending = null;
          clearTimeout(pending.timer);
          pending.resolve(replyOf(event.body));
          break;
        }
        case 'bad-checksum':
          this.countNoise('badChecksums', 1);
          this.failPending(new LinkError('corrupt', '读卡器传来的数据校验出错'));
          break;
        case 'bad-length':
          this.countNoise('badLengths', 1);
          break;
        case 'discarded':
          this.countNoise('strayBytes', event.bytes);
          break;
      }
    }
  }

  /**
   * A noisy line produces thousands of these a second (84 KB/s of log lines were measured): the
   * first one is logged at once so IT sees the noise start, then one summary per interval.
   */
  private countNoise(kind: keyof NoiseTally, n: number): void {
    this.noise[kind] += n;
    const now = (this.options.now ?? Date.now)();
    if (this.noiseSince === null) {
      this.noiseSince = now;
      this.flushNoise();
      this.noiseSince = now;
    } else if (now - this.noiseSince >= (this.options.noiseLogIntervalMs ?? 10_000)) {
      this.flushNoise();
      this.noiseSince = now;
    }
  }

  private flushNoise(): void {
    const t = this.noise;
    if (t.strayBytes + t.badChecksums + t.badLengths + t.orphanReplies === 0) return;
    const parts = [
      t.strayBytes ? `skipped ${t.strayBytes} stray byte(s)` : '',
      t.badChecksums ? `rejected ${t.badChecksums} frame(s) with a bad checksum` : '',
      t.badLengths ? `skipped ${t.badLengths} frame header(s) with an impossible length` : '',
      t.orphanReplies ? `dropped ${t.orphanReplies} reply(ies) nobody was waiting for` : '',
    ].filter(Boolean);
    this.options.log?.(`idcard: line noise: ${parts.join(', ')}`);
    this.noise = emptyTally();
  }

  private lose(cause: Error): void {
    if (this.state !== 'open') return;
    this.state = 'lost';
    this.flushNoise();
    this.failPending(new LinkError('lost', '读卡器连接已断开'));
    this.port.close().catch(() => undefined);
    this.options.onLost(cause);
  }

  private failPending(err: LinkError): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.reject(err);
  }
}
