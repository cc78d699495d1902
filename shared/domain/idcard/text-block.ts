/**
 * The card's 256-byte text block: UTF-16LE, padded with spaces. Written without TextDecoder so
 * the shared layer needs no DOM or Node library.
 */
export const TEXT_BLOCK_BYTES = 256;
export const LONG_TERM = '长期';

export function readUtf16le(block: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + length && i + 1 < block.length; i += 2) {
    out += String.fromCharCode(block[i]! | (block[i + 1]! << 8));
  }
  return out;
}

/** Reads a field and drops the space padding (and NULs some readers leave instead). */
export function readField(block: Uint8Array, offset: number, length: number): string {
  const text = readUtf16le(block, offset, length);
  const isPad = (ch: string): boolean => ch.charCodeAt(0) === 0 || /\s/u.test(ch);
  let end = text.length;
  while (end > 0 && isPad(text[end - 1]!)) end--;
  let start = 0;
  while (start < end && text.charCodeAt(start) === 0) start++;
  return text.slice(start, end);
}

/** Writes `value` as UTF-16LE padded with spaces; refuses values that do not fit. */
export function writeField(block: Uint8Array, offset: number, length: number, value: string): void {
  if (value.length * 2 > length) throw new RangeError(`"${value}" does not fit in ${length / 2} characters`);
  for (let i = 0; i < length / 2; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 0x20;
    block[offset + 2 * i] = code & 0xff;
    block[offset + 2 * i + 1] = code >> 8;
  }
}

export function blankTextBlock(): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  for (let i = 0; i < TEXT_BLOCK_BYTES; i += 2) block[i] = 0x20;
  return block;
}

/** `YYYYMMDD` -> `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function cardDate(raw: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
