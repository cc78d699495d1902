/**
 * Exponential backoff with "equal jitter": never less than half the step, so an outage does not
 * become a hot loop, and never in lock-step with the other windows of the hall.
 */
export function backoffDelay(failures: number, opts: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const step = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(failures - 1, 30));
  return step / 2 + random() * (step / 2);
}

/**
 * The relay's wait after `failures` failures in a row since the last progress: the first is
 * retried quickly (an intermittent fault), from the second on it is an outage and doubles.
 */
export function relayBackoffDelay(
  failures: number,
  opts: { baseMs: number; maxMs: number; firstMs: number },
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  if (failures === 1) {
    const first = Math.min(opts.firstMs, opts.baseMs);
    return first / 2 + random() * (first / 2);
  }
  return backoffDelay(failures - 1, opts, random);
}
