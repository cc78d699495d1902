import { describe, expect, it } from 'vitest';
import { SigningTickets, TICKET_TTL_MS, type TicketHolder } from '../../../electron/signing/tickets';

const holder: TicketHolder = {
  userId: 'leader-1',
  displayName: '李局长',
  department: '住建局',
  keyId: 'k1',
  publicKey: '04' + '0'.repeat(128),
};

describe('signing tickets', () => {
  it('hands the key to the clerk session it was issued in, until it expires', () => {
    let now = 1_000_000;
    const tickets = new SigningTickets(() => now);
    const key = Buffer.alloc(32, 0x5a);
    const { ticket, expiresAt } = tickets.issue(holder, key, 'clerk-1');
    expect(expiresAt).toBe(now + TICKET_TTL_MS);
    expect(tickets.withPrivateKey(ticket, 'clerk-1', (_h, hex) => hex)).toBe('5a'.repeat(32));
    expect(() => tickets.check(ticket, 'clerk-2')).toThrow(/另一窗口会话/);
    now += TICKET_TTL_MS - 1;
    expect(tickets.check(ticket, 'clerk-1').displayName).toBe('李局长');
    now += 1;
    expect(() => tickets.check(ticket, 'clerk-1')).toThrow(/超时/);
    // Expiry wipes the key, not just the map entry.
    expect(key.every((b) => b === 0)).toBe(true);
    expect(() => tickets.check(ticket, 'clerk-1')).toThrow(/无效或已使用/);
  });

  it('keeps one leader at a time: a new authentication wipes the earlier ticket', () => {
    const tickets = new SigningTickets(() => 0);
    const first = Buffer.alloc(32, 1);
    const a = tickets.issue(holder, first, 'clerk-1');
    const b = tickets.issue({ ...holder, userId: 'leader-2' }, Buffer.alloc(32, 2), 'clerk-1');
    expect(first.every((x) => x === 0)).toBe(true);
    expect(() => tickets.check(a.ticket, 'clerk-1')).toThrow();
    expect(tickets.check(b.ticket, 'clerk-1').userId).toBe('leader-2');
    expect(tickets.wipe(b.ticket)).toBe(true);
    expect(tickets.size).toBe(0);
  });
});
