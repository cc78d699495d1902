import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api';
import type { SignatureRecord } from '../../../shared/domain/signing';
import { unwrapPrivateKey, wrapAad, WrappedKey } from '../../../electron/signing/key-wrap';

import { streamEvents, verifyJournal } from '../../../electron/store/journal';
import { startTestHost, type TestHost } from '../../helpers/workstation';
import { decision } from '../../unit/signing/fixtures';
import { CLERK, LEADER, LEADER_ID, LEADER_PIN, fails, leaderAndClerk, ok } from './leader-setup';

interface Ticket {
  ticket: string;
  expiresAt: string;
  leader: { displayName: string };
}
interface Signed {
  signatures: { signatureId: string; caseRef: string; reference: string; record: SignatureRecord }[];
}
interface Verified {
  valid: boolean;
  reason: string | null;
  registeredKey: boolean;
}

let clock = Date.parse('2025-03-01T02:00:00Z');
let t: TestHost;
beforeEach(async () => {
  clock = Date.parse('2025-03-01T02:00:00Z');
  t = await startTestHost({ now: () => new Date(clock) });
});
afterEach(async () => {
  await t.close();
});

const sha = (c: string) => c.repeat(64);
const item = (n: number, extra: Record<string, unknown> = {}) => ({
  caseRef: `case-${n}`,
  content: decision({ caseNumber: `BJ-2025-00012${n}` }),
  documentSha256: sha(String(n)),
  ...extra,
});
/** A 1x1 PNG is enough: the store checks the signature and the size, not the drawing. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60, 1)]).toString('base64');

describe('leader signing at the window', () => {
  it('round trip: the leader steps up, signs one case, and anyone can verify it', async () => {
    const { leaderId, clerkId } = await leaderAndClerk(t);
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    expect(auth.leader.displayName).toBe('李局长');
    expect(Date.parse(auth.expiresAt) - clock).toBe(120_000);
    const signed = await ok<Signed>(t, 'signing.sign', {
      ticket: auth.ticket,
      items: [item(1, { signatureImage: PNG })],
      confirmedEach: true,
    });
    const s = signed.signatures[0]!;
    expect(s.caseRef).toBe('case-1');
    expect(s.record.signer).toEqual({ userId: leaderId, displayName: '李局长' });
    expect(s.record.algorithm).toBe('1.2.156.10197.1.501');
    expect(s.reference).toBe(`SM2/SM3 ${s.record.contentHash.slice(0, 16)} 李局长 2025-03-01 10:00`);
    expect(s.record.signatureImageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.ws.blobs.verify(s.record.signatureImageSha256!)).toBe(true);

    // The journal says who signed what, with everything needed to verify; the chain stays whole.
    const events = streamEvents(t.ws.db, 'case:case-1');
    expect(events.map((e) => e.type)).toEqual(['decision.signed']);
    expect(events[0]!.actor).toBe(leaderId);
    expect(events[0]!.payload).toMatchObject({
      signatureId: s.signatureId,
      contentHash: s.record.contentHash,
      publicKey: s.record.publicKey,
      clerkUserId: clerkId,
    });
    expect(verifyJournal(t.ws.db).ok).toBe(true);

    // Public: the applicant display or a logged-out machine can verify.
    await ok(t, 'session.logout', {});
    const v = await ok<Verified>(t, 'signing.verify', { signatureId: s.signatureId });
    expect(v).toMatchObject({ valid: true, reason: null, registeredKey: true });
    const exported = await ok<Verified>(t, 'signing.verify', {
      record: s.record,
      content: decision({ caseNumber: 'BJ-2025-000121' }),
      documentSha256: sha('1'),
    });
    expect(exported.valid).toBe(true);
  });

  it('the private key never reaches the database or the journal in clear', async () => {
    const { leaderId } = await leaderAndClerk(t);
    const row = t.ws.db.prepare('SELECT public_key, encrypted_private_key FROM leader_keys WHERE user_id = ?').get(leaderId) as {
      public_key: string;
      encrypted_private_key: string;
    };
    const key = await unwrapPrivateKey(
      WrappedKey.parse(JSON.parse(row.encrypted_private_key)),
      LEADER.password,
      wrapAad(leaderId, row.public_key),
    );
    expect(key).not.toBeNull();
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    await ok<Signed>(t, 'signing.sign', { ticket: auth.ticket, items: [item(1)], confirmedEach: true });
    t.ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const dataDir = t.ws.dataDir;
    for (const f of readdirSync(dataDir).filter((n) => n.startsWith('onewindow.db'))) {
      const bytes = readFileSync(join(dataDir, f));
      expect(bytes.includes(key!), f).toBe(false);
      expect(bytes.includes(Buffer.from(key!.toString('hex'))), f).toBe(false);
      expect(bytes.includes(Buffer.from(key!.toString('base64'))), f).toBe(false);
    }
  });

  it('a wrong credential cannot unlock, and five in a row lock the key until re-provisioned', async () => {
    const { leaderId } = await leaderAndClerk(t);
    const wrong = await fails(t, 'signing.authenticate', { username: LEADER.username, password: 'not-the-password' });
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(wrong.message).toMatch(/还可尝试 4 次/);
    for (let i = 0; i < 4; i++) await fails(t, 'signing.authenticate', { username: LEADER.username, password: 'still-wrong' });
    const locked = await fails(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    expect(locked.code).toBe('FORBIDDEN');
    expect(locked.message).toMatch(/已锁定/);
    // The administrator re-provisions with the leader present; the old key is kept, revoked.
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: 'admin', password: 'admin-pass-1' });
    await ok(t, 'signing.provisionKey', { userId: leaderId, credential: LEADER.password });
    const rows = t.ws.db.prepare('SELECT revoked_at FROM leader_keys WHERE user_id = ? ORDER BY created_at').all(leaderId) as {
      revoked_at: string | null;
    }[];
    expect(rows.filter((r) => r.revoked_at === null)).toHaveLength(1);
    expect(rows).toHaveLength(2);
    await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
  });

  it('refuses an expired ticket, a used ticket and a cancelled one', async () => {
    await leaderAndClerk(t);
    const first = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    clock += 120_000;
    const expired = await fails(t, 'signing.sign', { ticket: first.ticket, items: [item(1)], confirmedEach: true });
    expect(expired.code).toBe('UNAUTHENTICATED');
    expect(expired.message).toMatch(/超时/);

    const second = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    clock += 119_000;
    await ok<Signed>(t, 'signing.sign', { ticket: second.ticket, items: [item(1)], confirmedEach: true });
    expect((await fails(t, 'signing.sign', { ticket: second.ticket, items: [item(2)], confirmedEach: true })).message).toMatch(/已使用/);

    const third = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    await ok(t, 'signing.cancel', { ticket: third.ticket });
    expect((await fails(t, 'signing.sign', { ticket: third.ticket, items: [item(3)], confirmedEach: true })).code).toBe('UNAUTHENTICATED');

    // The clerk logging out wipes a ticket too.
    const fourth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: CLERK.username, password: CLERK.password });
    expect((await fails(t, 'signing.sign', { ticket: fourth.ticket, items: [item(4)], confirmedEach: true })).code).toBe('UNAUTHENTICATED');
  });

  it('a non-leader can neither be provisioned nor sign, and only an admin provisions', async () => {
    await leaderAndClerk(t);
    const clerkUser = t.ws.users.byUsername(CLERK.username)!;
    // The logged-in clerk tries to provision.
    expect((await fails(t, 'signing.provisionKey', { userId: clerkUser.id, credential: CLERK.password })).code).toBe('FORBIDDEN');
    // A clerk's own credentials give no signing ticket.
    const stepUp = await fails(t, 'signing.authenticate', { username: CLERK.username, password: CLERK.password });
    expect(stepUp.code).toBe('FORBIDDEN');
    expect(stepUp.message).toMatch(/不是部门领导/);
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: 'admin', password: 'admin-pass-1' });
    const notLeader = await fails(t, 'signing.provisionKey', { userId: clerkUser.id, credential: CLERK.password });
    expect(notLeader.code).toBe('FORBIDDEN');
    expect(notLeader.message).toMatch(/不是部门领导/);
    // Provisioning needs the leader present: the admin cannot guess the password.
    const leader = t.ws.users.byUsername(LEADER.username)!;
    expect((await fails(t, 'signing.provisionKey', { userId: leader.id, credential: 'admin-guess-1' })).code).toBe('UNAUTHENTICATED');
    // A leader disabled after stepping up cannot use the ticket.
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    await ok(t, 'session.setUserDisabled', { userId: leader.id, disabled: true });
    expect((await fails(t, 'signing.sign', { ticket: auth.ticket, items: [item(1)], confirmedEach: true })).code).toBe('FORBIDDEN');
  });

  it('signs a batch of three in one act, each with its own verifiable record', async () => {
    await leaderAndClerk(t);
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    const items = [item(1), item(2), item(3)];
    const signed = await ok<Signed>(t, 'signing.sign', { ticket: auth.ticket, items, confirmedEach: true });
    expect(signed.signatures.map((s) => s.caseRef)).toEqual(['case-1', 'case-2', 'case-3']);
    expect(new Set(signed.signatures.map((s) => s.record.contentHash)).size).toBe(3);
    for (const [i, s] of signed.signatures.entries()) {
      expect(streamEvents(t.ws.db, `case:${s.caseRef}`).map((e) => e.type)).toEqual(['decision.signed']);
      expect(
        (
          await ok<Verified>(t, 'signing.verify', {
            signatureId: s.signatureId,
            content: items[i]!.content,
            documentSha256: items[i]!.documentSha256,
          })
        ).valid,
      ).toBe(true);
      // Another case's content does not fit this signature.
      const other = items[(i + 1) % 3]!;
      expect(
        (
          await ok<Verified>(t, 'signing.verify', {
            signatureId: s.signatureId,
            content: other.content,
            documentSha256: other.documentSha256,
          })
        ).valid,
      ).toBe(false);
    }
  });

  it('refuses unconfirmed batches, more than 20 at once, duplicates and a non-PNG image', async () => {
    await leaderAndClerk(t);
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    const unconfirmed = await fails(t, 'signing.sign', { ticket: auth.ticket, items: [item(1)], confirmedEach: false });
    expect(unconfirmed.code).toBe('VALIDATION');
    expect(unconfirmed.message).toMatch(/逐件查看/);
    const many = Array.from({ length: 21 }, (_, i) => ({ ...item(1), caseRef: `case-${i}` }));
    expect((await fails(t, 'signing.sign', { ticket: auth.ticket, items: many, confirmedEach: true })).message).toMatch(/最多签署20件/);
    expect((await fails(t, 'signing.sign', { ticket: auth.ticket, items: [item(1), item(1)], confirmedEach: true })).message).toMatch(
      /两次/,
    );
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]).toString('base64');
    expect(
      (await fails(t, 'signing.sign', { ticket: auth.ticket, items: [item(1, { signatureImage: jpeg })], confirmedEach: true })).message,
    ).toMatch(/PNG/);
    const huge = Buffer.alloc(210 * 1024, 1).toString('base64');
    expect(
      (await fails(t, 'signing.sign', { ticket: auth.ticket, items: [item(1, { signatureImage: huge })], confirmedEach: true })).code,
    ).toBe('VALIDATION');
    // None of the refusals used up the ticket or wrote anything.
    expect(t.ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get()).toEqual({ n: 0 });
    await ok<Signed>(t, 'signing.sign', { ticket: auth.ticket, items: [item(1)], confirmedEach: true });
  });

  it('detects a stored signature edited in the database', async () => {
    await leaderAndClerk(t);
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    const [a, b] = (await ok<Signed>(t, 'signing.sign', { ticket: auth.ticket, items: [item(1), item(2)], confirmedEach: true }))
      .signatures;
    // A tamperer with the database file drops the append-only trigger first.
    t.ws.db.exec('DROP TRIGGER signatures_no_update');
    const content = JSON.stringify(decision({ caseNumber: 'BJ-2025-000121', opinion: '不予许可。' }));
    t.ws.db.prepare('UPDATE signatures SET content_json = ? WHERE id = ?').run(content, a!.signatureId);
    const v = await ok<Verified>(t, 'signing.verify', { signatureId: a!.signatureId });
    expect(v.valid).toBe(false);
    expect(v.reason).toMatch(/内容被改动/);
    // Swapping in another signer's key and a fresh signature cannot pass as the registered leader.
    const stranger = await import('../../../electron/signing/sm2').then((m) => m.generateSm2KeyPair());
    const { sm2Sign } = await import('../../../electron/signing/sm2');
    const forged = Buffer.from(sm2Sign(Buffer.from(b!.record.contentHash, 'hex'), stranger.privateKey, stranger.publicKey), 'hex').toString(
      'base64',
    );
    t.ws.db.prepare('UPDATE signatures SET public_key = ?, signature = ? WHERE id = ?').run(stranger.publicKey, forged, b!.signatureId);
    const swapped = await ok<Verified>(t, 'signing.verify', { signatureId: b!.signatureId });
    expect(swapped.valid).toBe(true);
    expect(swapped.registeredKey).toBe(false);
  });

  it('ID card + PIN: set by the leader, used at the window, and tied to one leader', async () => {
    const { leaderId } = await leaderAndClerk(t);
    expect((await fails(t, 'signing.authenticate', { idNumber: LEADER_ID, pin: LEADER_PIN })).code).toBe('NOT_FOUND');
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: LEADER.username, password: LEADER.password });
    expect((await fails(t, 'signing.setPin', { credential: LEADER.password, idNumber: LEADER_ID, pin: '123456' })).message).toMatch(
      /过于简单/,
    );
    expect((await fails(t, 'signing.setPin', { credential: 'wrong-pass', idNumber: LEADER_ID, pin: LEADER_PIN })).code).toBe(
      'UNAUTHENTICATED',
    );
    const view = await ok<{ hasPin: boolean; userId: string }>(t, 'signing.setPin', {
      credential: LEADER.password,
      idNumber: LEADER_ID,
      pin: LEADER_PIN,
    });
    expect(view).toMatchObject({ hasPin: true, userId: leaderId });
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: CLERK.username, password: CLERK.password });
    expect((await fails(t, 'signing.authenticate', { idNumber: LEADER_ID, pin: '975310' })).code).toBe('UNAUTHENTICATED');
    const auth = await ok<Ticket>(t, 'signing.authenticate', { idNumber: LEADER_ID, pin: LEADER_PIN });
    expect(auth.leader.displayName).toBe('李局长');
    const signed = await ok<Signed>(t, 'signing.sign', { ticket: auth.ticket, items: [item(1)], confirmedEach: true });
    expect((await ok<Verified>(t, 'signing.verify', { signatureId: signed.signatures[0]!.signatureId })).valid).toBe(true);
    // The same card cannot be bound to a second leader's key.
    await ok(t, 'session.logout', {});
    await ok(t, 'session.login', { username: 'admin', password: 'admin-pass-1' });
    const deputy = await ok<{ id: string }>(t, 'session.createUser', {
      ...LEADER,
      username: 'wang.fujuzhang',
      displayName: '王副局长',
      password: 'deputy-pass-1',
    });
    const taken = await fails(t, 'signing.provisionKey', {
      userId: deputy.id,
      credential: 'deputy-pass-1',
      idNumber: LEADER_ID,
      pin: '357913',
    });
    expect(taken.code).toBe('CONFLICT');
    expect(t.ws.db.prepare('SELECT COUNT(*) AS n FROM leader_keys WHERE user_id = ?').get(deputy.id)).toEqual({ n: 0 });
  });

  it('keeps the key usable after the leader changes the login password (rewrap hook)', async () => {
    const { leaderId } = await leaderAndClerk(t);
    const service = t.ws.signing;
    await t.ws.users.setPassword(leaderId, 'leader-pass-2', leaderId);
    const stale = await fails(t, 'signing.authenticate', { username: LEADER.username, password: 'leader-pass-2' });
    expect(stale.message).toMatch(/修改前的登录密码/);
    expect(await service.rewrapPassword(leaderId, 'wrong-old', 'leader-pass-2')).toBe(false);
    expect(await service.rewrapPassword(leaderId, LEADER.password, 'leader-pass-2')).toBe(true);
    await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: 'leader-pass-2' });
    expect((await fails(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password })).code).toBe('UNAUTHENTICATED');
  });

  it('answers malformed input to every signing method with VALIDATION', async () => {
    await leaderAndClerk(t);
    const methods = Object.keys(contract).filter((m) => m.startsWith('signing.'));
    expect(methods).toHaveLength(8);
    for (const method of methods) {
      for (const bad of [42, 'text', [1, 2], { unexpected: { deep: [1] } }, { ticket: 'x'.repeat(64), items: 'all' }]) {
        const r = await t.rpc(method, bad);
        expect(r.body.error?.code, `${method} ${JSON.stringify(bad)}`).toBe('VALIDATION');
        expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // Content that is not a valid decision is refused before anything is signed.
    const auth = await ok<Ticket>(t, 'signing.authenticate', { username: LEADER.username, password: LEADER.password });
    const bad = { ...item(1), content: { ...decision(), decision: 'maybe' } };
    expect((await fails(t, 'signing.sign', { ticket: auth.ticket, items: [bad], confirmedEach: true })).code).toBe('VALIDATION');
  });
});
