/**
 * When is a run of keys a barcode scan? Timing alone fails on a busy PC: the scanner's keys
 * arrive in bursts with stalls between them (issue 10, fault 10). So a scanner can be described
 * in settings and the rules are tried from the most to the least certain:
 * 1. prefix: the scanner is programmed to send a prefix; everything between it and the suffix
 *    key is the code, however the keys were spaced;
 * 2. pattern: the keys since the clerk's last pause spell a whole case number or document QR
 *    payload (OW1:…) of a plausible length, and most keys came faster than a person types;
 * 3. timing: a burst closer together than any person types (see scannedRun).
 * Pure: unit tests feed it bursty timings.
 */

export interface WedgeRules {
  /** Characters the scanner sends before each code ('' = none configured). */
  prefix: string;
  /** The key that ends a code. */
  suffix: 'Enter' | 'Tab';
  /** A regular expression a whole code matches ('' = case numbers and OW1 payloads). */
  pattern: string;
  minLength: number;
  maxLength: number;
}

/** 办件编号 (letters, digits, hyphens, at least one digit) or a document's QR payload. */
export const DEFAULT_CODE_PATTERN = 'OW1:[0-9A-Za-z-]{4,40}:[0-9a-f]{16}|(?=[0-9A-Z-]*\\d)[0-9A-Z][0-9A-Z-]{5,39}';

export const DEFAULT_WEDGE_RULES: WedgeRules = { prefix: '', suffix: 'Enter', pattern: '', minLength: 6, maxLength: 64 };

/** Keys from a scanner arrive closer together, on average, than any person types. */
export const WEDGE_MAX_MEAN_GAP_MS = 40;
/** A single late key (a busy event loop) does not break a burst; a real pause does. */
export const WEDGE_MAX_GAP_MS = 300;
/** A burst starts tight: a key followed by a person-sized pause is typed, not scanned. */
export const WEDGE_START_GAP_MS = 100;
/**
 * A pattern match still needs keys faster than a person's: most gaps (the median; stalls are
 * the exception in a scanner's burst) under what a fast typist manages (~100 ms a key).
 */
export const PATTERN_MAX_MEDIAN_GAP_MS = 40;
/** A person's pause: the pattern rule looks only at keys after it. */
export const PATTERN_PAUSE_MS = 1500;

export interface TimedKey {
  char: string;
  at: number;
}

export type ScanDecision<T extends TimedKey> = { code: string; keys: T[]; rule: 'prefix' | 'pattern' | 'timing' } | null;

/**
 * The scanned part of the keys before an Enter by timing alone: the longest run at the end whose
 * mean gap is a scanner's. A person who typed a little just before scanning keeps what they typed.
 */
export function scannedRun<T extends { at: number }>(
  keys: readonly T[],
  enterAt: number,
  minLength = DEFAULT_WEDGE_RULES.minLength,
): T[] | null {
  let first = 0;
  for (let i = 1; i < keys.length; i++) if (keys[i]!.at - keys[i - 1]!.at > WEDGE_MAX_GAP_MS) first = i;
  if (keys.length > 0 && enterAt - keys[keys.length - 1]!.at > WEDGE_MAX_GAP_MS) return null;
  for (let start = first; start <= keys.length - minLength; start++) {
    if (keys[start + 1]!.at - keys[start]!.at > WEDGE_START_GAP_MS) continue;
    const run = keys.slice(start);
    const span = enterAt - run[0]!.at;
    if (span / run.length < WEDGE_MAX_MEAN_GAP_MS) return run;
  }
  return null;
}

function wholeMatch(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern || DEFAULT_CODE_PATTERN})$`);
  } catch {
    return new RegExp(`^(?:${DEFAULT_CODE_PATTERN})$`);
  }
}

const text = (keys: readonly TimedKey[]): string => keys.map((k) => k.char).join('');

function medianGap(run: readonly TimedKey[], suffixAt: number): number {
  const gaps = run.map((k, i) => (run[i + 1]?.at ?? suffixAt) - k.at).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? Infinity;
}

/** Decides at the suffix key whether the keys before it were a scan, and which of them. */
export function decideScan<T extends TimedKey>(
  keys: readonly T[],
  suffixAt: number,
  rules: WedgeRules = DEFAULT_WEDGE_RULES,
): ScanDecision<T> {
  const inLength = (n: number) => n >= rules.minLength && n <= rules.maxLength;
  if (rules.prefix !== '') {
    const all = text(keys);
    const at = all.lastIndexOf(rules.prefix);
    if (at >= 0) {
      const run = keys.slice(at);
      const code = all.slice(at + rules.prefix.length);
      if (inLength(code.length)) return { code, keys: run, rule: 'prefix' };
    }
  }

  let since = 0;
  for (let i = 1; i < keys.length; i++) if (keys[i]!.at - keys[i - 1]!.at > PATTERN_PAUSE_MS) since = i;
  const re = wholeMatch(rules.pattern);
  for (let start = since; start <= keys.length - rules.minLength; start++) {
    const run = keys.slice(start);
    const code = text(run);
    if (!inLength(code.length) || !re.test(code)) continue;
    if (medianGap(run, suffixAt) < PATTERN_MAX_MEDIAN_GAP_MS) return { code, keys: run, rule: 'pattern' };
  }

  const run = scannedRun(keys, suffixAt, rules.minLength);
  if (run && run.length <= rules.maxLength) return { code: text(run), keys: run, rule: 'timing' };
  return null;
}

/** A document's QR payload names its case: `OW1:<caseNumber>:<16 hex>` → the case number. */
export function caseNumberOf(code: string): string {
  const m = /^OW1:([^:]+):[0-9a-f]{16}$/.exec(code.trim());
  return m ? m[1]! : code.trim();
}
