import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/api/errors';

/** Long enough to read a case summary and press sign; short enough that a key never lingers. */
export const TICKET_TTL_MS = 2 * 60_000;

export interface TicketHolder {
  userId: string;
  displayName: string;
  department: string | null;
  keyId: string;
  publicKey: string;
}

interface Ticket {
  holder: TicketHolder;
  /** The unlocked private key. A Buffer so it can be zeroed; see `withPrivateKey`. */
  privateKey: Buffer;
  /** The clerk whose window the leader stepped up at; the ticket is no good to anyone else. */
  clerkUserId: string;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Step-up signing tickets, in memory only. The workstation serves one counter, so one leader
 * at a time: a new authentication wipes any earlier ticket. A ticket is used for one signing
 * act (one case or one batch) and then wiped.
 */
export class SigningTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number) {}

  issue(holder: TicketHolder, privateKey: Buffer, clerkUserId: string): { ticket: string; expiresAt: number } {
    this.wipeAll();
    const ticket = randomBytes(32).toString('hex');
    const expiresAt = this.now() + TICKET_TTL_MS;
    // The real-time timer only frees memory; validity is judged by the injected clock.
    const timer = setTimeout(() => this.wipe(ticket), TICKET_TTL_MS);
    timer.unref();
    this.tickets.set(ticket, { holder, privateKey, clerkUserId, expiresAt, timer });
    return { ticket, expiresAt };
  }

  /** Who holds a live ticket, or an error saying what the clerk should do. */
  check(ticket: string, clerkUserId: string): TicketHolder {
    return this.live(ticket, clerkUserId).holder;
  }

  /**
   * Runs `fn` with the private key as sm-crypto needs it (hex). The hex string is an immutable
   * JS string that cannot be wiped; it lives only for this call, the Buffer is zeroed later.
   */
  withPrivateKey<T>(ticket: string, clerkUserId: string, fn: (holder: TicketHolder, privateKeyHex: string) => T): T {
    const t = this.live(ticket, clerkUserId);
    return fn(t.holder, t.privateKey.toString('hex'));
  }

  wipe(ticket: string): boolean {
    const t = this.tickets.get(ticket);
    if (!t) return false;
    t.privateKey.fill(0);
    clearTimeout(t.timer);
    this.tickets.delete(ticket);
    return true;
  }

  wipeAll(): void {
    for (const ticket of [...this.tickets.keys()]) this.wipe(ticket);
  }

  get size(): number {
    return this.tickets.size;
  }

  private live(ticket: string, clerkUserId: string): Ticket {
    const t = this.tickets.get(ticket);
    if (!t) throw new AppError('UNAUTHENTICATED', '签名授权无效或已使用，请领导重新验证身份后再签名');
    if (this.now() >= t.expiresAt) {
      this.wipe(ticket);
      throw new AppError('UNAUTHENTICATED', '签名授权已超时（2分钟），请领导重新验证身份后再签名');
    }
    if (t.clerkUserId !== clerkUserId) {
      throw new AppError('FORBIDDEN', '签名授权属于另一窗口会话，请领导重新验证身份');
    }
    return t;
  }
}
