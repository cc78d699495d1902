import { describe, expect, it } from 'vitest';
import { scannedRun } from '../../../renderer/src/app/useBarcodeWedge';
import { DEFAULT_WEDGE_RULES, caseNumberOf, decideScan } from '../../../renderer/src/app/wedge-rules';
import { looksLikeCaseCode } from '../../../renderer/src/cases/case-code';

const keys = (gaps: number[], start = 1000) => {
  let at = start;
  return gaps.map((g, i) => ({ char: String(i % 10), at: (at += g) }));
};

describe('barcode wedge burst detection', () => {
  it('takes a scanner burst (a few ms apart, one late key on a busy machine) as a scan', () => {
    const k = keys([0, 5, 4, 6, 90, 5, 4, 5, 6, 5, 4, 5]);
    expect(scannedRun(k, k.at(-1)!.at + 5)).toHaveLength(12);
    const hiccup = keys([0, 5, 4, 220, 5, 4, 5, 6, 5, 4, 5, 4, 5, 4]);
    expect(scannedRun(hiccup, hiccup.at(-1)!.at + 5)).toHaveLength(14);
  });

  it('is not a scan when Enter comes after a pause', () => {
    const k = keys([0, 5, 4, 6, 5, 5, 4]);
    expect(scannedRun(k, k.at(-1)!.at + 400)).toBeNull();
  });

  it('ignores a person typing, even quickly', () => {
    const k = keys([0, 90, 110, 85, 120, 95, 100, 80]);
    expect(scannedRun(k, k.at(-1)!.at + 100)).toBeNull();
  });

  it('needs at least six characters', () => {
    const k = keys([0, 3, 3, 3, 3]);
    expect(scannedRun(k, k.at(-1)!.at + 3)).toBeNull();
  });

  it('keeps what the clerk typed before the scan out of the scanned number', () => {
    const typed = keys([0, 150, 160]);
    const scan = keys([0, 4, 4, 4, 4, 4, 4, 4], typed.at(-1)!.at + 150);
    const run = scannedRun([...typed, ...scan], scan.at(-1)!.at + 4);
    expect(run).toHaveLength(8);
    expect(run![0]!.at).toBe(scan[0]!.at);
  });
});

describe('barcode wedge rules on a busy PC (bursty delivery)', () => {
  const typed = (text: string, gaps: number[], start = 10_000) => {
    let at = start;
    return [...text].map((char, i) => ({ char, at: (at += gaps[i] ?? 5) }));
  };
  /** A scanner sending 5 ms a key, delivered in clumps: the event loop stalls `stall` ms every `every` keys. */
  const bursty = (text: string, stall: number, every: number, start = 10_000) =>
    typed(
      text,
      [...text].map((_, i) => (i > 0 && i % every === 0 ? stall : 0)),
      start,
    );

  it('timing alone loses a burst stalled mid-way; the case-number pattern still takes it', () => {
    const k = bursty('ZH2025100123', 450, 4);
    expect(scannedRun(k, k.at(-1)!.at + 1)).toBeNull();
    expect(decideScan(k, k.at(-1)!.at + 1)).toMatchObject({ code: 'ZH2025100123', rule: 'pattern' });
  });

  it('takes a QR payload delivered in clumps and names its case', () => {
    const payload = 'OW1:330106W12-2026-000007:0123456789abcdef';
    const k = bursty(payload, 350, 8);
    const scan = decideScan(k, k.at(-1)!.at + 2);
    expect(scan?.code).toBe(payload);
    expect(caseNumberOf(scan!.code)).toBe('330106W12-2026-000007');
  });

  it('with a prefix configured, any spacing between prefix and Enter is a scan, and what came before is kept out', () => {
    const rules = { ...DEFAULT_WEDGE_RULES, prefix: '~' };
    const before = typed('abc', [0, 180, 170]);
    const scan = typed('~ZH2025100123', [900, 5, 5, 1200, 5, 5, 2000, 5, 5, 5, 5, 5, 5], before.at(-1)!.at);
    const decided = decideScan([...before, ...scan], scan.at(-1)!.at + 700, rules);
    expect(decided).toMatchObject({ code: 'ZH2025100123', rule: 'prefix' });
    expect(decided!.keys[0]!.at).toBe(scan[0]!.at);
  });

  it('a person typing a case number or a plot number at typing speed is not a scan', () => {
    const k = typed('ZH2025100123', Array(12).fill(140));
    expect(decideScan(k, k.at(-1)!.at + 150)).toBeNull();
    const plot = typed('BJ0203-B1-07', Array(12).fill(110));
    expect(decideScan(plot, plot.at(-1)!.at + 120)).toBeNull();
  });

  it('honours a configured pattern and length range, refusing codes outside them', () => {
    const rules = { ...DEFAULT_WEDGE_RULES, pattern: 'SZ\\d{8}', minLength: 10, maxLength: 10 };
    const ok = bursty('SZ20270001', 400, 3);
    expect(decideScan(ok, ok.at(-1)!.at + 1, rules)?.code).toBe('SZ20270001');
    const long = bursty('SZ202700012', 400, 3);
    expect(decideScan(long, long.at(-1)!.at + 1, rules)).toBeNull();
  });

  it('an invalid pattern in settings falls back to the built-in one instead of breaking the wedge', () => {
    const k = bursty('ZH2025100123', 450, 4);
    expect(decideScan(k, k.at(-1)!.at + 1, { ...DEFAULT_WEDGE_RULES, pattern: '([' })?.code).toBe('ZH2025100123');
  });
});

describe('a case number typed into the case search opens the case', () => {
  it('takes a 办件编号 or a document QR payload as one case, names as words to search', () => {
    expect(looksLikeCaseCode('W12-2026-000003')).toBe(true);
    expect(looksLikeCaseCode(' w12-2026-000003 ')).toBe(true);
    expect(looksLikeCaseCode('OW1:W12-2026-000003:0123456789abcdef')).toBe(true);
    expect(looksLikeCaseCode('黄志强')).toBe(false);
    expect(looksLikeCaseCode('滨江科创园')).toBe(false);
    expect(looksLikeCaseCode('W12')).toBe(false);
  });
});
