/**
 * SAM frames: `AA AA AA 96 69 | LEN_H LEN_L | body | CHK`, LEN big-endian counting body + CHK,
 * CHK = XOR of LEN_H..last body byte. The same framing carries requests (body = CMD PARA DATA)
 * and replies (body = SW1 SW2 SW3 DATA), so one decoder serves the driver and the simulator.
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
const HEADER_BYTES = PREAMBLE.length + 2;
/** Longest plausible LEN: the fingerprint reply is 0x090A. Anything longer is line noise. */
export const MAX_LEN = 0x0a00;

export function checksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError('frame body too long');
  const frame = new Uint8Array(HEADER_BYTES + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_BYTES);
  frame[frame.length - 1] = checksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeRequest(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeReply(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export interface Reply {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export interface Request {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export function replyOf(body: Uint8Array): Reply {
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.subarray(3) };
}

export function requestOf(body: Uint8Array): Request {
  return { cmd: body[0] ?? 0, para: body[1] ?? 0, data: body.subarray(2) };
}

export type DecoderEvent =
  | { kind: 'frame'; body: Uint8Array }
  /** A complete frame whose CHK did not match: rejected, the decoder resynchronised. */
  | { kind: 'bad-checksum'; expected: number; actual: number }
  /** A preamble followed by an impossible LEN: treated as noise. */
  | { kind: 'bad-length'; len: number }
  /** Bytes dropped while hunting for a preamble. */
  | { kind: 'discarded'; bytes: number };

/** Incremental decoder: feed chunks as they arrive, in any split. */
export class FrameDecoder {
  private buf = new Uint8Array(0);

  get buffered(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array): DecoderEvent[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    const events: DecoderEvent[] = [];
    let pos = 0;
    for (;;) {
      const start = findPreamble(joined, pos);
      const dropUntil = start >= 0 ? start : keepPartialPreamble(joined, pos);
      if (dropUntil > pos) events.push({ kind: 'discarded', bytes: dropUntil - pos });
      pos = dropUntil;
      if (start < 0 || joined.length - start < HEADER_BYTES) break;
      const len = (joined[start + 5]! << 8) | joined[start + 6]!;
      if (len < 3 || len > MAX_LEN) {
        events.push({ kind: 'bad-length', len });
        pos = start + 1;
        continue;
      }
      const end = start + HEADER_BYTES + len;
      if (joined.length < end) break;
      const expected = checksum(joined, start + 5, end - 1);
      const actual = joined[end - 1]!;
      if (expected !== actual) {
        // Drop only the first byte: a real frame may begin inside the corrupted one.
        events.push({ kind: 'bad-checksum', expected, actual });
        pos = start + 1;
        continue;
      }
      events.push({ kind: 'frame', body: joined.slice(start + HEADER_BYTES, end - 1) });
      pos = end;
    }
    this.buf = joined.slice(pos);
    return events;
  }
}

function findPreamble(bytes: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= bytes.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (bytes[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** With no full preamble in sight, keep only a tail that could still become one. */
function keepPartialPreamble(bytes: Uint8Array, from: number): number {
  for (let keep = Math.min(PREAMBLE.length - 1, bytes.length - from); keep > 0; keep--) {
    let match = true;
    for (let j = 0; j < keep; j++) if (bytes[bytes.length - keep + j] !== PREAMBLE[j]) match = false;
    if (match) return bytes.length - keep;
  }
  return bytes.length;
}
