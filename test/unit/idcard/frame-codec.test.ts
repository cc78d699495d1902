import { describe, expect, it } from 'vitest';
import {
  FrameDecoder,
  checksum,
  encodeReply,
  encodeRequest,
  replyOf,
  type DecoderEvent,
} from '../../../electron/devices/idcard/frame-codec';

const hex = (s: string): Uint8Array =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
// toEqual on long typed arrays is slow; this runs thousands of times.
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
const frames = (events: DecoderEvent[]): Uint8Array[] => events.flatMap((e) => (e.kind === 'frame' ? [e.body] : []));

// Replies written out by hand from the protocol notes, independent of the encoder.
const STATUS_OK = hex('AA AA AA 96 69 00 04 00 00 90 94');
const NO_CARD = hex('AA AA AA 96 69 00 04 00 00 80 84');
const FOUND = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const SELECTED = hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');

function readReply(): Uint8Array {
  const data = new Uint8Array(4 + 256 + 1024);
  data.set([0x01, 0x00, 0x04, 0x00], 0);
  for (let i = 4; i < data.length; i++) data[i] = (i * 37) & 0xff;
  // Put a preamble look-alike inside the payload: the decoder must not cut the frame there.
  data.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04], 600);
  return encodeReply(0x90, data);
}

describe('request frames', () => {
  it.each([
    [0x10, 0xff, 'AA AA AA 96 69 00 03 10 FF EC'],
    [0x11, 0xff, 'AA AA AA 96 69 00 03 11 FF ED'],
    [0x12, 0xff, 'AA AA AA 96 69 00 03 12 FF EE'],
    [0x20, 0x01, 'AA AA AA 96 69 00 03 20 01 22'],
    [0x20, 0x02, 'AA AA AA 96 69 00 03 20 02 21'],
    [0x30, 0x01, 'AA AA AA 96 69 00 03 30 01 32'],
    [0x30, 0x03, 'AA AA AA 96 69 00 03 30 03 30'],
    [0x30, 0x10, 'AA AA AA 96 69 00 03 30 10 23'],
    [0x60, 0x00, 'AA AA AA 96 69 00 03 60 00 63'],
    [0x60, 0x04, 'AA AA AA 96 69 00 03 60 04 67'],
  ])('%i %i encodes as the documented frame', (cmd, para, expected) => {
    expect(encodeRequest(cmd, para)).toEqual(hex(expected));
  });

  it('encodes a command with data (set max RF frame bytes)', () => {
    expect(encodeRequest(0x61, 0xff, Uint8Array.of(0x50))).toEqual(hex('AA AA AA 96 69 00 04 61 FF 50 CA'));
  });

  it('computes replies that match the documented bytes', () => {
    expect(encodeReply(0x90)).toEqual(STATUS_OK);
    expect(encodeReply(0x80)).toEqual(NO_CARD);
    expect(encodeReply(0x9f, new Uint8Array(4))).toEqual(FOUND);
    expect(encodeReply(0x90, new Uint8Array(8))).toEqual(SELECTED);
    expect(checksum(STATUS_OK, 5, STATUS_OK.length - 1)).toBe(0x94);
  });

  it('builds the 1295-byte read reply with LEN 05 08', () => {
    const frame = readReply();
    expect(frame.length).toBe(1295);
    expect([frame[5], frame[6]]).toEqual([0x05, 0x08]);
  });
});

describe('FrameDecoder', () => {
  const samples: [string, Uint8Array][] = [
    ['status', STATUS_OK],
    ['no card', NO_CARD],
    ['found', FOUND],
    ['selected', SELECTED],
    ['read', readReply()],
  ];

  it.each(samples)('decodes the %s reply split at every offset', (_name, frame) => {
    for (let cut = 0; cut <= frame.length; cut++) {
      const decoder = new FrameDecoder();
      const got = [...frames(decoder.push(frame.subarray(0, cut))), ...frames(decoder.push(frame.subarray(cut)))];
      expect(got, `cut at ${cut}`).toHaveLength(1);
      expect(sameBytes(got[0], frame.subarray(7, frame.length - 1)), `cut at ${cut}`).toBe(true);
      expect(decoder.buffered).toBe(0);
    }
  });

  it('decodes two back-to-back frames split at every offset, and byte by byte', () => {
    const joined = new Uint8Array([...FOUND, ...SELECTED]);
    for (let cut = 0; cut <= joined.length; cut++) {
      const decoder = new FrameDecoder();
      const got = [...frames(decoder.push(joined.subarray(0, cut))), ...frames(decoder.push(joined.subarray(cut)))];
      expect(
        got.map((b) => replyOf(b).sw3),
        `cut at ${cut}`,
      ).toEqual([0x9f, 0x90]);
    }
    const decoder = new FrameDecoder();
    const got = [...joined].flatMap((b) => frames(decoder.push(Uint8Array.of(b))));
    expect(got.map((b) => replyOf(b).sw3)).toEqual([0x9f, 0x90]);
  });

  it('decodes the read reply delivered one byte at a time', () => {
    const frame = readReply();
    const decoder = new FrameDecoder();
    const got = [...frame].flatMap((b) => frames(decoder.push(Uint8Array.of(b))));
    expect(got).toHaveLength(1);
    expect(replyOf(got[0]!).data.length).toBe(1284);
  });

  it('skips stray bytes before a frame, including a partial preamble', () => {
    const decoder = new FrameDecoder();
    const events = decoder.push(new Uint8Array([0x00, 0xaa, 0xaa, 0x13, 0xaa, 0xaa, 0xaa, 0x96, ...NO_CARD]));
    expect(frames(events).map((b) => replyOf(b).sw3)).toEqual([0x80]);
    expect(events.filter((e) => e.kind === 'discarded').reduce((n, e) => n + (e.kind === 'discarded' ? e.bytes : 0), 0)).toBe(8);
  });

  it('keeps a trailing partial preamble for the next chunk, and drops other trailing garbage', () => {
    const decoder = new FrameDecoder();
    expect(frames(decoder.push(new Uint8Array([...STATUS_OK, 0x42, 0xaa, 0xaa])))).toHaveLength(1);
    expect(decoder.buffered).toBe(2);
    expect(frames(decoder.push(NO_CARD.subarray(2))).map((b) => replyOf(b).sw3)).toEqual([0x80]);
    expect(decoder.buffered).toBe(0);
    decoder.push(Uint8Array.of(0x01, 0x02, 0x03));
    expect(decoder.buffered).toBe(0);
  });

  it('rejects a frame with a corrupted checksum and resynchronises on the next one', () => {
    const bad = STATUS_OK.slice();
    bad[bad.length - 1] = 0x00;
    for (let cut = 0; cut <= bad.length + NO_CARD.length; cut++) {
      const joined = new Uint8Array([...bad, ...NO_CARD]);
      const decoder = new FrameDecoder();
      const events = [...decoder.push(joined.subarray(0, cut)), ...decoder.push(joined.subarray(cut))];
      expect(
        events.filter((e) => e.kind === 'bad-checksum'),
        `cut at ${cut}`,
      ).toEqual([{ kind: 'bad-checksum', expected: 0x94, actual: 0x00 }]);
      expect(frames(events).map((b) => replyOf(b).sw3)).toEqual([0x80]);
    }
  });

  it('rejects a corrupted payload byte in the long read reply', () => {
    const frame = readReply();
    frame[700] = frame[700]! ^ 0x01;
    const decoder = new FrameDecoder();
    const events = decoder.push(frame);
    expect(frames(events)).toHaveLength(0);
    expect(events.some((e) => e.kind === 'bad-checksum')).toBe(true);
  });

  it('treats a preamble with an impossible length as noise', () => {
    const decoder = new FrameDecoder();
    const events = decoder.push(new Uint8Array([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...FOUND]));
    expect(events.some((e) => e.kind === 'bad-length' && e.len === 0xffff)).toBe(true);
    expect(frames(events).map((b) => replyOf(b).sw3)).toEqual([0x9f]);
  });

  it('waits for the rest of a frame without emitting anything', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(readReply().subarray(0, 500))).toEqual([]);
    expect(decoder.buffered).toBe(500);
    decoder.reset();
    expect(decoder.buffered).toBe(0);
  });
});
