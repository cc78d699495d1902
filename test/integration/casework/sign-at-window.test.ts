import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/store/journal';
import { acceptInput, ITEM_PERMIT, startLifecycleHost, USERS, type Accepted, type LifecycleHost } from '../lifecycle/fixtures';

interface Detail {
  status: string;
  signature: { signatureId: string; signedBy: string } | null;
  history: { type: string; actor: string }[];
}
interface Signed {
  signed: { caseId: string; caseNumber: string; signatureId: string; reference: string; result: { status: string } }[];
}
interface Verify {
  valid: boolean;
  record: { signer: { displayName: string }; caseRef: string; documentSha256: string } | null;
}

let t: LifecycleHost;
let leaderId: string;
beforeEach(async () => {
  t = await startLifecycleHost();
  const users = await t.ok<{ id: string; username: string }[]>('admin', 'session.listUsers', {});
  leaderId = users.find((u) => u.username === USERS.leader.username)!.id;
  await t.ok('admin', 'signing.provisionKey', { userId: leaderId, credential: USERS.leader.password });
});
afterEach(async () => {
  await t.close();
});

async function decided(n: number): Promise<string[]> {
  const a = t.accepted<Accepted>(acceptInput({ items: [ITEM_PERMIT] }));
  const ids = [a.cases[0]!.id];
  for (let i = 1; i < n; i++) ids.push(t.accepted<Accepted>(acceptInput({ items: [ITEM_PERMIT] })).cases[0]!.id);
  for (const id of ids)
    await t.ok('reviewer', 'cases.decide', { caseId: id, decision: 'approve', opinion: '经审查，符合法定条件，同意许可。' });
  return ids;
}

async function ticket(password = USERS.leader.password): Promise<string> {
  const r = await t.ok<{ ticket: string }>('clerk', 'signing.authenticate', { username: USERS.leader.username, password });
  return r.ticket;
}

describe('leader signing at the clerk’s window', () => {
  it('signs a batch with the leader’s key while the clerk stays logged in; the cases record the leader', async () => {
    const ids = await decided(2);
    const r = await t.ok<Signed>('clerk', 'cases.signAtWindow', { ticket: await ticket(), caseIds: ids, confirmedEach: true });
    expect(r.signed.map((s) => s.result.status)).toEqual(['signed', 'signed']);
    expect(r.signed[0]!.reference).toMatch(/^SM2\/SM3 [0-9a-f]{16} 钱局长 /);
    for (const s of r.signed) {
      const d = await t.ok<Detail>('clerk', 'cases.get', { id: s.caseId });
      expect(d.status).toBe('signed');
      expect(d.signature).toMatchObject({ signatureId: s.signatureId, signedBy: '钱局长' });
      const v = await t.ok<Verify>('clerk', 'signing.verify', { signatureId: s.signatureId });
      expect(v.valid).toBe(true);
      expect(v.record?.caseRef).toBe(s.caseId);
      // An approval signs the rendered 准予行政许可决定书, kept as a blob for printing the same bytes.
      const pdf = t.ws.blobs.get(v.record!.documentSha256);
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    }
    const actor = t.ws.db.prepare("SELECT actor FROM journal WHERE type = 'case.signed' AND stream = ?").get(`case:${ids[0]}`) as {
      actor: string;
    };
    expect(actor.actor).toBe(leaderId);
    expect(verifyJournal(t.ws.db).ok).toBe(true);
    // The clerk may now issue the signed result.
    await t.ok('clerk', 'cases.issue', { caseId: ids[0] });
  });

  it('refuses a batch containing an undecided case before any signature is made', async () => {
    const [decidedId] = await decided(1);
    const open = t.accepted<Accepted>(acceptInput({ items: [ITEM_PERMIT] })).cases[0]!.id;
    const r = await t.as('clerk', 'cases.signAtWindow', { ticket: await ticket(), caseIds: [decidedId, open], confirmedEach: true });
    expect(r.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(r.error?.message).toContain('请先由审核人员作出决定');
    expect((t.ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number }).n).toBe(0);
    expect((await t.ok<Detail>('clerk', 'cases.get', { id: decidedId! })).status).toBe('decided');
  });

  it('refuses a forged ticket, a missing confirmation and a second signing of the same case', async () => {
    const [id] = await decided(1);
    const forged = await t.as('clerk', 'cases.signAtWindow', { ticket: 'a'.repeat(64), caseIds: [id], confirmedEach: true });
    expect(forged.ok).toBe(false);
    expect(forged.error?.message).toMatch(/[\u4e00-\u9fff]/);
    const unconfirmed = await t.as('clerk', 'cases.signAtWindow', { ticket: await ticket(), caseIds: [id], confirmedEach: false });
    expect(unconfirmed.error?.code).toBe('VALIDATION');
    await t.ok('clerk', 'cases.signAtWindow', { ticket: await ticket(), caseIds: [id], confirmedEach: true });
    const again = await t.as('clerk', 'cases.signAtWindow', { ticket: await ticket(), caseIds: [id], confirmedEach: true });
    expect(again.error?.code).toBe('ILLEGAL_TRANSITION');
  });
});
