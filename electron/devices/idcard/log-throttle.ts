/**
 * A reader on a noisy line repeats the same complaint several times a second. The first of a
 * kind is logged at once; repeats within the interval are counted and reported with the next
 * line of that kind after the interval, so the log shows the noise without growing by it.
 */
export function throttleRepeats(log: (line: string) => void, intervalMs = 10_000, now: () => number = Date.now): (line: string) => void {
  const seen = new Map<string, { at: number; repeats: number }>();
  return (line) => {
    // Lines differing only in numbers (lengths, counts, codes) are the same complaint.
    const key = line.replace(/\d+/g, '#');
    const t = now();
    const entry = seen.get(key);
    if (entry && t - entry.at < intervalMs) {
      entry.repeats++;
      return;
    }
    const repeats = entry?.repeats ?? 0;
    seen.set(key, { at: t, repeats: 0 });
    // Bounded: a reader has a few dozen kinds of line; forget old ones if that ever grows.
    if (seen.size > 200) seen.delete(seen.keys().next().value as string);
    log(repeats > 0 ? `${line} (and ${repeats} more like it in the last ${Math.round(intervalMs / 1000)} s)` : line);
  };
}
