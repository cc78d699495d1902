import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldEvent } from '../../../shared/protocol/feed';
import { replicateEvents } from '../../../electron/hall/replicate';
import { rememberWindows } from '../../../electron/hall/window-names';
import { projectHoldings } from '../../../electron/acceptance/project-record';
import { eventHash, verifyJournal, type JournalRow } from '../../../electron/store/journal';
import { wireEventOf } from '../../../electron/sync/outbox';
import type { Db } from '../../../electron/store/database';
import { ITEM_PLAN, PROJECT, acceptInput, startLifecycleHost, type Accepted, type LifecycleHost } from '../lifecycle/fixtures';

/** Every event of a workstation's journal after `afterSeq`, as the hall holds and sends it. */
function held(db: Db, afterSeq = 0): HeldEvent[] {
  const rows = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq').all(afterSeq) as JournalRow[];
  return rows.filter((r) => /^(case|application|project):/.test(r.stream)).map(wireEventOf);
}

const lastSeq = (db: Db) => (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM journal').get() as { n: number }).n;

/**
 * Two real workstations (separate data directories, their own SQLite and journals): what window A
 * accepted is replicated into the back office B from the events the hall holds; B decides in its
 * own journal; A replicates B's decision. No hall server here — the events are handed across as
 * the hall hands them (the hall server's own tests cover the wire).
 */
describe('replicating another window’s case into this window’s projections', () => {
  let a: LifecycleHost;
  let b: LifecycleHost;
  let accepted: Accepted;
  let sha: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([startLifecycleHost(), startLifecycleHost()]);
    sha = a.ws.blobs.put(new TextEncoder().encode('%PDF-1.4 application form scanned at window A'), 'application/pdf').sha256;
    accepted = a.accepted<Accepted>(
      acceptInput({
        items: [ITEM_PLAN],
        materials: [{ code: 'M-APP', name: '建设工程规划许可申请表', status: 'collected', blobRefs: [sha] }],
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('builds the project, the application, the case and the material library at window B', async () => {
    const events = held(a.ws.db);
    const out = replicateEvents(b.ws, events);
    expect(out.applied).toBe(events.length);
    expect(out.caseIds).toEqual([accepted.cases[0]!.id]);
    // The scan A received is named, and B does not hold it yet: it is fetched from the hall.
    expect(out.missingBlobs).toEqual([sha]);

    const c = await b.ok<{ caseNumber: string; status: string; department: string; itemName: string }>('planReviewer', 'cases.get', {
      id: accepted.cases[0]!.id,
    });
    expect(c).toMatchObject({
      caseNumber: accepted.cases[0]!.caseNumber,
      status: 'accepted',
      department: ITEM_PLAN.department,
      itemName: ITEM_PLAN.name,
    });
    const project = b.ws.db.prepare('SELECT name, builder_uscc FROM projects WHERE code = ?').get(PROJECT.code);
    expect(project).toEqual({ name: PROJECT.name, builder_uscc: PROJECT.builderUscc });
    const app = b.ws.db
      .prepare('SELECT stage, applicant_name, window_number FROM stage_applications WHERE id = ?')
      .get(accepted.applicationId);
    expect(app).toEqual({ stage: 2, applicant_name: '张三丰', window_number: '1' });
    // The replica is not in B's journal: B's chain is what B did, and it still verifies.
    expect(b.ws.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE stream LIKE 'case:%'").get()).toEqual({ n: 0 });
    expect(verifyJournal(b.ws.db).ok).toBe(true);
  });

  it('stage 2 at window B sees what stage 1 received at window A (reuse reads the library)', () => {
    const projectId = (b.ws.db.prepare('SELECT id FROM projects WHERE code = ?').get(PROJECT.code) as { id: string }).id;
    const holdings = projectHoldings(b.ws.db, projectId, () => undefined);
    expect(
      holdings.map((h) => ({ material: h.holding.material, kind: h.holding.kind, stage: h.holding.stage, blobRefs: h.blobRefs })),
    ).toEqual([{ material: 'M-APP', kind: 'stage', stage: 2, blobRefs: [sha] }]);
  });

  it('a second delivery of the same events changes nothing', () => {
    const before = b.ws.db.prepare('SELECT COUNT(*) AS n FROM project_materials').get();
    const out = replicateEvents(b.ws, held(a.ws.db));
    expect(out.applied).toBe(0);
    expect(b.ws.db.prepare('SELECT COUNT(*) AS n FROM project_materials').get()).toEqual(before);
  });

  it('the back office decides in its own journal, and the decision flows back to window A', async () => {
    const caseId = accepted.cases[0]!.id;
    const mark = lastSeq(b.ws.db);
    b.advanceDays(1);
    await b.ok('planReviewer', 'cases.decide', { caseId, decision: 'approve', opinion: '符合规划条件，同意' });
    const decided = held(b.ws.db, mark);
    // B numbers its own events of the case from 1: its journal verifies, nothing of A's chain is in it.
    expect(decided.map((e) => [e.type, e.streamSeq])).toEqual([['case.decided', 1]]);
    expect(verifyJournal(b.ws.db).ok).toBe(true);

    const out = replicateEvents(a.ws, decided);
    expect(out.caseIds).toEqual([caseId]);
    const atA = await a.ok<{ status: string; history: { summary: string; actor: string }[] }>('clerk', 'cases.get', { id: caseId });
    expect(atA.status).toBe('decided');
    // The counter's case page tells what the back office did, after its own acceptance.
    expect(atA.history.map((h) => h.summary).slice(-1)).toEqual(['部门决定：准予许可']);
    expect(atA.history.at(-1)?.actor).toBe('其他窗口');
    // A's own events come back with the hall's copy of the stream: skipped, not applied twice.
    expect(replicateEvents(a.ws, held(a.ws.db)).applied).toBe(0);
  });

  it('the back office leader’s signature is copied to window A, which verifies it; a forged copy does not verify', async () => {
    const caseId = accepted.cases[0]!.id;
    const mark = lastSeq(b.ws.db);
    await b.signed([caseId], 'planLeader');
    const signed = held(b.ws.db, mark).map((e) => ({ ...e, workstationId: 'ws-back-office' }));
    expect(signed.map((e) => e.type)).toEqual(['decision.signed', 'case.signed']);
    rememberWindows(
      a.ws.db,
      [{ workstationId: 'ws-back-office', windowName: '规划局后台', role: 'back-office', department: ITEM_PLAN.department }],
      'x',
    );
    const out = replicateEvents(a.ws, signed);
    expect(out.applied).toBe(2);
    const signatureId = (JSON.parse(signed[0]!.payload) as { signatureId: string }).signatureId;
    // A's own signatures table stays A's: the copy is kept apart (its key and leader are B's).
    expect(a.ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get()).toEqual({ n: 0 });
    const v = await a.ok<{
      valid: boolean;
      reason: string | null;
      registeredKey: boolean;
      hallWindow: string | null;
      record: { signer: { displayName: string } };
    }>('clerk', 'signing.verify', { signatureId });
    expect(v).toMatchObject({ valid: true, reason: null, registeredKey: false, hallWindow: '规划局后台' });
    expect(v.record.signer.displayName).toBe('周局长');
    // The same answer B gives about its own signature (B's is a registered key).
    expect(await b.ok('planLeader', 'signing.verify', { signatureId })).toMatchObject({
      valid: true,
      registeredKey: true,
      hallWindow: null,
    });
    const atA = await a.ok<{ status: string; history: { type: string; actor: string }[] }>('clerk', 'cases.get', { id: caseId });
    expect(atA.status).toBe('signed');
    // History names the window the hall knows, and the leader the signature names; the
    // decision replicated earlier without a sender stays 其他窗口.
    expect(atA.history.filter((h) => h.type !== 'case.accepted').map((h) => [h.type, h.actor])).toEqual([
      ['case.decided', '其他窗口'],
      ['decision.signed', '规划局后台 · 周局长'],
      ['case.signed', '规划局后台'],
    ]);
    // Replayed by the feed: nothing doubles.
    expect(replicateEvents(a.ws, signed).applied).toBe(0);
    expect(a.ws.db.prepare('SELECT COUNT(*) AS n FROM hall_signatures').get()).toEqual({ n: 1 });
    expect(verifyJournal(a.ws.db).ok).toBe(true);

    // A copy whose decision text was changed on the way (same signature value) is caught: without
    // a new hash at replication, and by the signature when the forger recomputed the hash (anyone can).
    const changed = signed.map((e) => {
      if (e.type !== 'decision.signed') return e;
      const p = JSON.parse(e.payload) as { signatureId: string; content: { opinion: string } };
      return {
        ...e,
        id: `${e.id}-forged`,
        payload: JSON.stringify({ ...p, signatureId: 'sig-forged', content: { ...p.content, opinion: '不同意' } }),
      };
    });
    const changedOnTheWay = replicateEvents(a.ws, changed.slice(0, 1));
    expect(changedOnTheWay).toMatchObject({ applied: 0, refused: [{ type: 'decision.signed' }] });
    expect(a.ws.db.prepare('SELECT COUNT(*) AS n FROM hall_signatures').get()).toEqual({ n: 1 });
    const forged = changed.map((e) => ({
      ...e,
      hash: eventHash(e.prevHash, {
        id: e.id,
        stream: e.stream,
        streamSeq: e.streamSeq,
        type: e.type,
        payload: e.payload,
        actor: e.actor,
        at: e.at,
      }),
    }));
    expect(replicateEvents(a.ws, forged.slice(0, 1))).toMatchObject({ applied: 1, refused: [] });
    const bad = await a.ok<{ valid: boolean; reason: string | null }>('clerk', 'signing.verify', { signatureId: 'sig-forged' });
    expect(bad.valid).toBe(false);
    expect(bad.reason).toContain('内容');
  });
});
