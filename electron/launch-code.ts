import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time launch codes for the browser host. A URL that opens the workstation must not carry the
 * access token (Chromium's command line is readable by every user of the PC, and URLs end up in
 * history), so it carries a code instead: what it opens (the clerk's screen or the applicant
 * display), when it expires, a nonce, and an HMAC over them with the host's secret. The host swaps
 * a valid code once for an HttpOnly cookie; a used or expired code is worthless.
 * Anyone holding the secret (the host, and a test harness reading the user-only token file) can
 * mint codes without a round trip.
 */
export type LaunchKind = 'clerk' | 'display';

/** Long enough for Chromium to start on a busy PC, short enough to be useless in a log later. */
export const LAUNCH_CODE_TTL_MS = 2 * 60_000;

export function mintLaunchCode(secret: string, kind: LaunchKind, nowMs: number, ttlMs = LAUNCH_CODE_TTL_MS): string {
  const body = `${kind}.${Math.round(nowMs + ttlMs).toString(36)}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${mac(secret, body)}`;
}

export interface LaunchCodeCheck {
  kind: LaunchKind;
  expiresAt: number;
  nonce: string;
}

/** Checks a code's form, signature and expiry (not whether it was used: see LaunchCodes). */
export function checkLaunchCode(secret: string, code: string, nowMs: number): LaunchCodeCheck | null {
  const m = /^(clerk|display)\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(code);
  if (!m) return null;
  const [, kind, expiry, nonce, given] = m as unknown as [string, LaunchKind, string, string, string];
  const expected = Buffer.from(mac(secret, `${kind}.${expiry}.${nonce}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const expiresAt = parseInt(expiry, 36);
  if (!(expiresAt > nowMs)) return null;
  return { kind, expiresAt, nonce };
}

/** The host's memory of used codes, each kept until it would have expired anyway. */
export class LaunchCodes {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  mint(kind: LaunchKind, ttlMs?: number): string {
    return mintLaunchCode(this.secret, kind, this.now(), ttlMs);
  }

  /** Valid, unexpired and not used before: then it is used up. */
  redeem(code: string): LaunchKind | null {
    const nowMs = this.now();
    for (const [nonce, expiresAt] of this.used) if (expiresAt <= nowMs) this.used.delete(nonce);
    const check = checkLaunchCode(this.secret, code, nowMs);
    if (!check || this.used.has(check.nonce)) return null;
    this.used.set(check.nonce, check.expiresAt);
    return check.kind;
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`OW-LAUNCH\n${body}`).digest('base64url');
}
