import { describe, expect, it } from 'vitest';
import { scannedRun } from '../../../renderer/src/app/useBarcodeWedge';

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
