/**
 * A simulated SAM and card field: answers the host's frames byte for byte as a desk reader
 * does. It is the training mode's reader (the trainer places and lifts synthetic cards) and the
 * far end in tests, with faults that can be switched on.
 */
import { FrameDecoder, encodeReply, requestOf, type Request } from '../frame-codec';
import { BAUD_PARAM, SW3_FOUND, SW3_NO_CARD, SW3_NO_CONTENT, SW3_OK } from '../sam-protocol';
import type { TrainingCard, TrainingCardSummary } from './training-cards';

export interface SimulatorFaults {
  /** Deliver each reply in chunks of this many bytes. */
  chunkSize?: number;
  /** Pause between chunks. */
  chunkDelayMs?: number;
  /** Pause before answering each request. */
  replyDelayMs?: number;
  /** Pace bytes at this line rate (10 bits a byte) in both directions, as a real UART would. */
  paceBaudRate?: number;
  /** The next N replies leave with a wrong checksum. */
  corruptReplies?: number;
  /** Garbage sent ahead of the next reply. */
  strayBytes?: Uint8Array;
  /** The status command (11 FF) answers SW3 60. */
  samSelfTestFailure?: boolean;
  /** The SAM never answers (powered but dead). */
  mute?: boolean;
  /** The next N card reads answer SW3 41. */
  readFailures?: number;
}

export interface SimulatorOptions {
  cards?: TrainingCard[];
  faults?: SimulatorFaults;
  /** The SAM's configured line rate; a host at another rate only sees noise. */
  baudRate?: number;
}

type Sink = (chunk: Uint8Array) => void;

export class SamSimulator {
  private readonly cards: TrainingCard[];
  private faults: SimulatorFaults;
  private card: TrainingCard | null = null;
  private sink: Sink | null = null;
  private readonly decoder = new FrameDecoder();
  private readonly outbox: { due: number; bytes: Uint8Array }[] = [];
  private pumpTimer: NodeJS.Timeout | null = null;
  private lineFreeAt = 0;
  private samBaud: number;
  private hostBaud: number;
  private pluggedIn = true;
  private readonly plugListeners = new Set<(plugged: boolean) => void>();
  /** Observes every request the SAM accepted (bench and tests timestamp with it). */
  onRequest: ((request: Request) => void) | null = null;
  readonly counters = { requests: 0, bytesIn: 0, bytesOut: 0 };

  constructor(options: SimulatorOptions = {}) {
    this.cards = options.cards ?? [];
    this.faults = { ...options.faults };
    this.samBaud = options.baudRate ?? 115200;
    this.hostBaud = this.samBaud;
  }

  listTrainingCards(): TrainingCardSummary[] {
    return this.cards.map(({ id, label, cardType }) => ({ id, label, cardType }));
  }

  /** Lays a card on the reader: by training-card id, or any card object. */
  place(card: string | TrainingCard): void {
    if (typeof card !== 'string') {
      this.card = card;
      return;
    }
    const found = this.cards.find((c) => c.id === card);
    if (!found) throw new RangeError(`没有编号为 ${card} 的培训样卡`);
    this.card = found;
  }

  lift(): void {
    this.card = null;
  }

  get placedCard(): TrainingCard | null {
    return this.card;
  }

  setFaults(faults: Partial<SimulatorFaults>): void {
    this.faults = { ...this.faults, ...faults };
  }

  get plugged(): boolean {
    return this.pluggedIn;
  }

  /** Pulls the USB cable: transports see their port vanish. */
  unplug(): void {
    this.setPlugged(false);
  }

  plugIn(): void {
    this.setPlugged(true);
  }

  onPlugChange(listener: (plugged: boolean) => void): () => void {
    this.plugListeners.add(listener);
    return () => this.plugListeners.delete(listener);
  }

  /** Connects the host side; bytes the SAM sends go to `sink`. One host at a time. */
  attach(sink: Sink): () => void {
    this.sink = sink;
    this.decoder.reset();
    this.lineFreeAt = 0;
    return () => {
      if (this.sink === sink) {
        this.sink = null;
        this.outbox.length = 0;
      }
    };
  }

  /** The host changed its line rate (serialport update or reopen). */
  setHostBaudRate(baudRate: number): void {
    this.hostBaud = baudRate;
  }

  get baudRate(): number {
    return this.samBaud;
  }

  /** Bytes from the host. */
  receive(chunk: Uint8Array): void {
    if (!this.pluggedIn) return;
    this.counters.bytesIn += chunk.length;
    if (this.hostBaud !== this.samBaud) {
      // At the wrong rate the UART sees framing errors: it answers nothing useful.
      this.send(Uint8Array.of(0xff, 0x00, 0xfe), 0);
      return;
    }
    const inboundWireMs = this.wireMs(chunk.length);
    for (const event of this.decoder.push(chunk)) {
      if (event.kind === 'frame') this.handle(requestOf(event.body), inboundWireMs);
      else if (event.kind === 'bad-checksum') this.send(encodeReply(0x10), inboundWireMs);
    }
  }

  private handle(request: Request, inboundWireMs: number): void {
    this.counters.requests++;
    this.onRequest?.(request);
    if (this.faults.mute) return;
    const reply = this.answer(request);
    if (reply.afterSend) {
      this.send(reply.frame, inboundWireMs);
      reply.afterSend();
    } else {
      this.send(reply.frame, inboundWireMs);
    }
  }

  private answer({ cmd, para, data }: Request): { frame: Uint8Array; afterSend?: () => void } {
    const key = (cmd << 8) | para;
    switch (key) {
      case 0x10ff:
        return { frame: encodeReply(SW3_OK) };
      case 0x11ff:
        return { frame: encodeReply(this.faults.samSelfTestFailure ? 0x60 : SW3_OK) };
      case 0x12ff:
        return {
          frame: encodeReply(
            SW3_OK,
            Uint8Array.of(0x05, 0x00, 0x01, 0x00, 0x5a, 0x0e, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04),
          ),
        };
      case 0x2001:
        return { frame: encodeReply(this.card ? SW3_FOUND : SW3_NO_CARD, this.card ? new Uint8Array(4) : undefined) };
      case 0x2002:
        return { frame: encodeReply(this.card ? SW3_OK : 0x81, this.card ? new Uint8Array(8) : undefined) };
      case 0x3001:
      case 0x3010:
        return { frame: this.readReply(key === 0x3010) };
      case 0x3003:
        if (!this.card) return { frame: encodeReply(0x41) };
        return { frame: this.card.newAddress ? encodeReply(SW3_OK, this.card.newAddress) : encodeReply(SW3_NO_CONTENT) };
      case 0x61ff:
        return { frame: encodeReply(data.length === 1 ? SW3_OK : 0x11) };
      default:
        if (cmd === 0x60) {
          const rate = Object.entries(BAUD_PARAM).find(([, p]) => p === para)?.[0];
          if (rate === undefined) return { frame: encodeReply(0x21) };
          // The reply still goes out at the old rate; the switch happens after it.
          return { frame: encodeReply(SW3_OK), afterSend: () => (this.samBaud = Number(rate)) };
        }
        return { frame: encodeReply(0x21) };
    }
  }

  private readReply(withFingerprint: boolean): Uint8Array {
    const card = this.card;
    if (!card) return encodeReply(0x41);
    if ((this.faults.readFailures ?? 0) > 0) {
      this.faults.readFailures = (this.faults.readFailures ?? 0) - 1;
      return encodeReply(0x41);
    }
    const header = withFingerprint ? 6 : 4;
    const data = new Uint8Array(header + card.text.length + card.photo.length);
    data[0] = card.text.length >> 8;
    data[1] = card.text.length & 0xff;
    data[2] = card.photo.length >> 8;
    data[3] = card.photo.length & 0xff;
    // Training cards carry no fingerprint: FL = 0 (already zero).
    data.set(card.text, header);
    data.set(card.photo, header + card.text.length);
    return encodeReply(SW3_OK, data);
  }

  private wireMs(bytes: number): number {
    return this.faults.paceBaudRate ? (bytes * 10 * 1000) / this.faults.paceBaudRate : 0;
  }

  private send(frame: Uint8Array, inboundWireMs: number): void {
    let bytes = frame;
    if ((this.faults.corruptReplies ?? 0) > 0) {
      this.faults.corruptReplies = (this.faults.corruptReplies ?? 0) - 1;
      bytes = frame.slice();
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
    }
    if (this.faults.strayBytes) {
      const joined = new Uint8Array(this.faults.strayBytes.length + bytes.length);
      joined.set(this.faults.strayBytes, 0);
      joined.set(bytes, this.faults.strayBytes.length);
      bytes = joined;
      this.faults.strayBytes = undefined;
    }
    const pace = this.faults.paceBaudRate;
    const chunk = this.faults.chunkSize ?? (pace ? 16 : bytes.length);
    const now = performance.now();
    let due = Math.max(now + inboundWireMs + (this.faults.replyDelayMs ?? 0), this.lineFreeAt);
    for (let i = 0; i < bytes.length; i += chunk) {
      const part = bytes.slice(i, i + chunk);
      if (pace) due += this.wireMs(part.length);
      else if (i > 0) due += this.faults.chunkDelayMs ?? 0;
      this.outbox.push({ due, bytes: part });
    }
    this.lineFreeAt = due;
    this.pump();
  }

  // One timer drains the outbox in order, so chunks never overtake each other.
  private pump(): void {
    if (this.pumpTimer) return;
    const step = (): void => {
      this.pumpTimer = null;
      const now = performance.now();
      while (this.outbox.length > 0 && this.outbox[0]!.due <= now) {
        const { bytes } = this.outbox.shift()!;
        if (this.sink && this.pluggedIn) {
          this.counters.bytesOut += bytes.length;
          this.sink(bytes);
        }
      }
      const next = this.outbox[0];
      if (next) this.pumpTimer = setTimeout(step, Math.max(0, next.due - now));
    };
    const first = this.outbox[0];
    if (!first) return;
    this.pumpTimer = setTimeout(step, Math.max(0, first.due - performance.now()));
  }

  private setPlugged(plugged: boolean): void {
    if (this.pluggedIn === plugged) return;
    this.pluggedIn = plugged;
    if (!plugged) {
      // Whatever was still on the wire is lost with the cable.
      this.outbox.length = 0;
      this.lineFreeAt = 0;
    }
    for (const listener of [...this.plugListeners]) listener(plugged);
  }
}
