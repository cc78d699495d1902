import type { IncomingMessage } from 'node:http';
import { HEADER, PLATFORM_CODES } from '../electron/sync/wire';
import { requestCanonical, sha256Hex, signatureMatches } from '../electron/sync/signing';
import { HALL_CODES } from '../shared/protocol';
import type { Sql } from './store/sql';
import { Refusal, header } from './http-util';

/**
 * Protocol section 1 on the hall: HMAC over the canonical request with the window's secret,
 * read from the database on every request so a revocation is effective on the next one.
 * Nonces are kept in the database (request_nonces) for the timestamp window: a request captured
 * before a hall restart, or sent to another hall process on the same database, is refused as a
 * replay there too. A nonce is recorded only after its signature checks, so nobody without the
 * secret can fill the table; expired ones are pruned in the background.
 */
export interface Authed {
  workstation: string;
  secret: string;
  nonce: string;
  role: string;
  department: string | null;
  windowName: string;
}

export class Authenticator {
  private nextSweep = 0;
  private readonly contactWritten = new Map<string, number>();

  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
    private readonly windowMs: number,
  ) {}

  async authenticate(req: IncomingMessage, url: URL, body: Uint8Array): Promise<Authed> {
    const workstation = header(req, HEADER.workstation);
    const timestamp = Number(header(req, HEADER.timestamp));
    const nonce = header(req, HEADER.nonce);
    const signature = header(req, HEADER.signature);
    if (
      !workstation ||
      !nonce ||
      !signature ||
      !/^[0-9a-f]{16,64}$/.test(nonce) ||
      !Number.isFinite(timestamp) ||
      workstation.length > 100
    ) {
      throw new Refusal(401, PLATFORM_CODES.unauthenticated, '未知工作站或缺少签名');
    }
    const [row] = await this.sql.query<{
      secret: string;
      revoked_at: string | null;
      role: string;
      department: string | null;
      window_name: string;
    }>('SELECT secret, revoked_at, role, department, window_name FROM workstations WHERE id = $1', [workstation]);
    if (!row) throw new Refusal(401, PLATFORM_CODES.unauthenticated, '未知工作站，请先在工位设置中用登记码登记');
    const canonical = requestCanonical({
      workstationId: workstation,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      timestamp,
      nonce,
      bodySha256: sha256Hex(body),
    });
    if (!signatureMatches(row.secret, canonical, signature)) throw new Refusal(401, PLATFORM_CODES.unauthenticated, '签名无效');
    const authed: Authed = {
      workstation,
      secret: row.secret,
      nonce,
      role: row.role,
      department: row.department,
      windowName: row.window_name,
    };
    if (row.revoked_at)
      throw new AuthRefusal(401, HALL_CODES.revoked, '本工位已被大厅管理员停用，请向管理员申请新的登记码重新登记', {}, authed);
    const nowMs = this.now();
    if (Math.abs(timestamp - nowMs) > this.windowMs) {
      throw new AuthRefusal(401, PLATFORM_CODES.clockSkew, '请求时间超出允许范围', { platformTime: nowMs }, authed);
    }
    const contact = this.contactDue(workstation, req, nowMs);
    if (!(await this.useNonce(workstation, nonce, timestamp + this.windowMs, contact, nowMs)))
      throw new AuthRefusal(401, PLATFORM_CODES.replay, '重复的请求（重放）', {}, authed);
    if (contact) this.contactWritten.set(workstation, nowMs);
    return authed;
  }

  /**
   * False when this window already used the nonce inside the timestamp window (any process, any
   * restart). The window's last contact (when due) is written by the same statement, and only
   * for a fresh nonce: one round trip and one commit per request instead of two.
   */
  private async useNonce(
    workstation: string,
    nonce: string,
    expiresAt: number,
    contact: { at: string; queued: number | null } | null,
    nowMs: number,
  ): Promise<boolean> {
    if (nowMs >= this.nextSweep) {
      this.nextSweep = nowMs + 10_000;
      // A nonce past its expiry can no longer be replayed (its timestamp is refused): drop it.
      this.sql.query('DELETE FROM request_nonces WHERE expires_at < $1', [nowMs]).catch(() => undefined);
    }
    const fresh = await this.sql.query(
      `WITH used AS (
         INSERT INTO request_nonces (workstation, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS fresh
       ), contact AS (
         UPDATE workstations SET last_contact_at = $4, queued = COALESCE($5, queued) WHERE id = $1 AND $4::varchar IS NOT NULL AND EXISTS (SELECT 1 FROM used)
       )
       SELECT fresh FROM used`,
      [workstation, nonce, expiresAt, contact?.at ?? null, contact?.queued ?? null],
    );
    return fresh.length > 0;
  }

  /** Last contact and the queue the window reports (`X-OW-Queued`), due at most every 2 s per window (null: not due). */
  private contactDue(workstation: string, req: IncomingMessage, nowMs: number): { at: string; queued: number | null } | null {
    const queuedRaw = header(req, 'x-ow-queued');
    const queued = queuedRaw !== undefined && /^\d{1,9}$/.test(queuedRaw) ? Number(queuedRaw) : null;
    if ((this.contactWritten.get(workstation) ?? 0) > nowMs - 2_000 && queued === null) return null;
    return { at: new Date(nowMs).toISOString(), queued };
  }
}

/** A refusal signed for an authenticated requester. */
export class AuthRefusal extends Refusal {
  constructor(
    status: number,
    code: string,
    message: string,
    extra: Record<string, unknown>,
    readonly authed: Authed,
  ) {
    super(status, code, message, extra, true);
  }
}
