import {
  BLACK_MAKEUP,
  BLACK_TERMINATING,
  EOFB,
  EXTENDED_MAKEUP,
  HORIZONTAL,
  PASS,
  VERTICAL,
  WHITE_MAKEUP,
  WHITE_TERMINATING,
} from './g4-codes';

/**
 * A bilevel image, one byte per pixel (1 = black, 0 = white), row by row. Unpacked because the
 * encoder scans runs pixel by pixel anyway and the binariser writes it directly.
 */
export interface Bilevel {
  width: number;
  height: number;
  black: Uint8Array;
}

interface Code {
  bits: number;
  length: number;
}

const toCode = (s: string): Code => ({ bits: parseInt(s, 2), length: s.length });
const WHITE_TERM = WHITE_TERMINATING.map(toCode);
const BLACK_TERM = BLACK_TERMINATING.map(toCode);
const WHITE_MAKE = WHITE_MAKEUP.map(toCode);
const BLACK_MAKE = BLACK_MAKEUP.map(toCode);
const EXT_MAKE = EXTENDED_MAKEUP.map(toCode);
const PASS_CODE = toCode(PASS);
const HORIZONTAL_CODE = toCode(HORIZONTAL);
const VERTICAL_CODES = VERTICAL.map(toCode);
const EOFB_CODE = toCode(EOFB);

/** MSB-first bit writer growing its buffer as needed. */
class BitWriter {
  private buf: Uint8Array;
  private pos = 0;
  private acc = 0;
  private n = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(1024, capacity));
  }

  put(c: Code): void {
    // Codes are at most 24 bits (EOFB); flush whole bytes so acc never exceeds 31 bits.
    this.acc = (this.acc << c.length) | c.bits;
    this.n += c.length;
    while (this.n >= 8) {
      this.n -= 8;
      if (this.pos === this.buf.length) this.grow();
      this.buf[this.pos++] = (this.acc >>> this.n) & 0xff;
    }
    this.acc &= (1 << this.n) - 1;
  }

  finish(): Uint8Array {
    if (this.n > 0) {
      if (this.pos === this.buf.length) this.grow();
      this.buf[this.pos++] = (this.acc << (8 - this.n)) & 0xff;
      this.n = 0;
    }
    return this.buf.slice(0, this.pos);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}

function putRun(w: BitWriter, run: number, black: boolean): void {
  const make = black ? BLACK_MAKE : WHITE_MAKE;
  const term = black ? BLACK_TERM : WHITE_TERM;
  while (run >= 2624) {
    w.put(EXT_MAKE[EXT_MAKE.length - 1]!); // 2560
    run -= 2560;
  }
  if (run >= 64) {
    const m = run >> 6; // 1..40
    w.put(m <= 27 ? make[m - 1]! : EXT_MAKE[m - 28]!);
    run -= m << 6;
  }
  w.put(term[run]!);
}

/** First position ≥ from whose pixel is not `colour`, or `end`. */
function nextChange(line: Uint8Array, offset: number, from: number, end: number, colour: number): number {
  let x = from;
  while (x < end && line[offset + x] === colour) x++;
  return x;
}

/**
 * CCITT Group 4 (ITU-T T.6) of a bilevel image, as PDF's CCITTFaxDecode reads it with
 * K -1, BlackIs1 false, EncodedByteAlign false, and an end-of-block marker. The two-dimensional
 * coding follows T.6 §2.2 (the same walk libtiff's Fax3Encode2DRow takes): each line is coded
 * against the one above, the first against an imaginary white line.
 */
export function encodeG4(img: Bilevel): Uint8Array {
  const { width, height, black } = img;
  if (width <= 0 || height <= 0 || black.length !== width * height) throw new Error('bilevel image does not match its size');
  const white = new Uint8Array(width);
  const w = new BitWriter(Math.ceil((width * height) / 40));
  for (let y = 0; y < height; y++) {
    const cur = black;
    const co = y * width;
    const ref = y === 0 ? white : black;
    const ro = y === 0 ? 0 : (y - 1) * width;
    const px = (line: Uint8Array, off: number, x: number) => (x < width ? line[off + x]! : 0);

    let a0 = 0;
    let a1 = px(cur, co, 0) !== 0 ? 0 : nextChange(cur, co, 0, width, 0);
    let b1 = px(ref, ro, 0) !== 0 ? 0 : nextChange(ref, ro, 0, width, 0);
    for (;;) {
      const b2 = b1 >= width ? width : nextChange(ref, ro, b1, width, px(ref, ro, b1));
      if (b2 < a1) {
        w.put(PASS_CODE);
        a0 = b2;
      } else {
        const d = a1 - b1;
        if (d >= -3 && d <= 3) {
          w.put(VERTICAL_CODES[d + 3]!);
          a0 = a1;
        } else {
          const a2 = a1 >= width ? width : nextChange(cur, co, a1, width, px(cur, co, a1));
          w.put(HORIZONTAL_CODE);
          // At the start of the line a0 is the imaginary white pixel before the first one.
          const firstWhite = a0 + a1 === 0 || px(cur, co, a0) === 0;
          putRun(w, a1 - a0, !firstWhite);
          putRun(w, a2 - a1, firstWhite);
          a0 = a2;
        }
      }
      if (a0 >= width) break;
      const colour = px(cur, co, a0);
      a1 = nextChange(cur, co, a0, width, colour);
      b1 = nextChange(ref, ro, a0, width, colour ^ 1);
      b1 = nextChange(ref, ro, b1, width, colour);
    }
  }
  w.put(EOFB_CODE);
  return w.finish();
}
