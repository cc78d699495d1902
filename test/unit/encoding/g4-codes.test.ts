import { describe, expect, it } from 'vitest';
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
} from '../../../electron/capture/encoding/g4-codes';

/** No code may be a prefix of another in the set a decoder reads at the same point. */
function prefixFree(codes: readonly string[]): string[] {
  const clashes: string[] = [];
  for (const a of codes) for (const b of codes) if (a !== b && b.startsWith(a)) clashes.push(`${a} < ${b}`);
  return clashes;
}

describe('T.4 / T.6 code tables', () => {
  it('have 64 terminating, 27 make-up and 13 extended make-up codes per colour', () => {
    expect(WHITE_TERMINATING).toHaveLength(64);
    expect(BLACK_TERMINATING).toHaveLength(64);
    expect(WHITE_MAKEUP).toHaveLength(27);
    expect(BLACK_MAKEUP).toHaveLength(27);
    expect(EXTENDED_MAKEUP).toHaveLength(13);
    expect(new Set([...WHITE_TERMINATING, ...WHITE_MAKEUP, ...EXTENDED_MAKEUP]).size).toBe(104);
  });

  it('are prefix-free where a decoder reads a white run, a black run, or a mode', () => {
    expect(prefixFree([...WHITE_TERMINATING, ...WHITE_MAKEUP, ...EXTENDED_MAKEUP])).toEqual([]);
    expect(prefixFree([...BLACK_TERMINATING, ...BLACK_MAKEUP, ...EXTENDED_MAKEUP])).toEqual([]);
    expect(prefixFree([PASS, HORIZONTAL, ...VERTICAL, EOFB.slice(0, 12)])).toEqual([]);
  });
});
