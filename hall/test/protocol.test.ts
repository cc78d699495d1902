import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformRefusal } from '../../electron/sync/client';
import { feedPage } from '../../electron/sync/wire';
import { caseNumberBlockRequestResult } from '../../shared/protocol';
import { revokeWindow } from '../core/enrolment';
import { ENGINES, acceptCase, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/** Protocol v1 on the hall (sections 1–8) and enrolment/revocation (9.1), on every engine. */
describe.each(ENGINES)('hall protocol on $name', (engine) => {
  let h: TestHall;
  let a: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    a = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
  });
  afterAll(async () => h.close());

  it('an enrolment code is spent by its first use and refused after, in Chinese', async () => {
    const { issueEnrolmentCode } = await import('../core/enrolment');
    const code = await issueEnrolmentCode(h.hall.sql, { windowName: '2号窗口', role: 'counter', department: null }, new Date());
    const first = await fetch(`${h.hall.url}/v1/enrol`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(first.status).toBe(200);
    const again = await fetch(`${h.hall.url}/v1/enrol`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ code: 'ENROLMENT_INVALID', message: expect.stringContaining('登记码') });
  });

  it('hello answers the window its role; a revoked window is refused on its next request, signed', async () => {
    const hello = (await a.client.call('GET', '/v1/hello', (await import('../../shared/protocol')).hallHello)) as {
      role: string;
      windowName: string;
    };
    expect(hello).toMatchObject({ role: 'counter', windowName: '1号窗口' });
    const b = await enrolWindow(h, { windowName: '9号窗口', role: 'counter', department: null });
    await b.client.hello();
    await revokeWindow(h.hall.sql, b.id, new Date());
    const refused = await b.client.hello().catch((e: unknown) => e);
    // A PlatformRefusal (not "unreachable") means the client verified the signature of the refusal.
    expect(refused).toBeInstanceOf(PlatformRefusal);
    expect(refused).toMatchObject({ code: 'REVOKED', status: 401 });
  });

  it('a replayed batch is a no-op: same receipts, repeated, one row per event id', async () => {
    const { events } = acceptCase(a.journal, { projectCode: 'P-REPLAY', department: '住建局' });
    const first = await a.client.pushEvents(events);
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const again = await a.client.pushEvents(events);
    expect(again.results.every((r) => r.status === 'accepted' && r.repeated)).toBe(true);
    expect(again.results.map((r) => (r.status === 'accepted' ? r.receipt : ''))).toEqual(
      first.results.map((r) => (r.status === 'accepted' ? r.receipt : '')),
    );
    const [row] = await h.hall.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events WHERE id = ANY($1::varchar[])', [
      events.map((e) => e.id),
    ]);
    expect(row?.n).toBe(3);
  });

  it('refuses a gap with the checkpoint and an altered event by its hash', async () => {
    const { events } = acceptCase(a.journal, { projectCode: 'P-GAP', department: '住建局' });
    const [project, application, kase] = events;
    const gap = await a.client.pushEvents([project!, kase!]);
    expect(gap.results[1]).toMatchObject({ status: 'accepted' }); // case stream starts at 1 on its own
    const altered = { ...application!, payload: application!.payload.replace('张', '李') };
    const refused = await a.client.pushEvents([altered]);
    expect(refused.results[0]).toMatchObject({ status: 'invalid', code: 'HASH_MISMATCH' });
    const fee = (feeId: string, amountFen: number): Record<string, unknown> => ({
      caseId: kase!.stream.slice('case:'.length),
      caseNumber: 'TH-GAP',
      feeId,
      amountFen,
      basis: '工本费',
      paymentRef: `PAY-${feeId}`,
    });
    const later = a.journal.append(kase!.stream, 'case.fee-recorded', fee('F1', 100));
    const skip = a.journal.append(kase!.stream, 'case.fee-recorded', fee('F2', 200));
    const gapped = await a.client.pushEvents([skip]);
    expect(gapped.results[0]).toMatchObject({ status: 'gap', stream: kase!.stream, checkpoint: 1 });
    expect((await a.client.pushEvents([later, skip])).results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await a.client.streamState(kase!.stream)).checkpoint).toBe(3);
  });

  it('stores a blob chunk by chunk, resumes at its offset, refuses the event before, and serves it to a window', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const { events } = acceptCase(a.journal, { projectCode: 'P-BLOB', department: '住建局', blobRefs: [sha] });
    const early = await a.client.pushEvents(events);
    expect(early.results[2]).toMatchObject({ status: 'invalid', code: 'MISSING_BLOB' });
    expect(await a.client.blobState(sha, bytes.length)).toMatchObject({ offset: 0, complete: false });
    await a.client.uploadChunk(sha, 0, bytes.subarray(0, 100_000));
    const wrong = await a.client.uploadChunk(sha, 0, bytes.subarray(0, 100_000)).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'OFFSET_MISMATCH', offset: 100_000 });
    expect(await a.client.uploadChunk(sha, 100_000, bytes.subarray(100_000))).toMatchObject({ complete: true });
    expect((await a.client.pushEvents(events)).results.every((r) => r.status === 'accepted')).toBe(true);
    expect(Buffer.from(await a.client.download(`/v1/blobs/${sha}`)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps the first checkpoint head per seq and reports a different one', async () => {
    const head = 'a'.repeat(64);
    expect(await a.client.sendCheckpoint({ seq: 10, count: 10, head, at: new Date().toISOString() })).toEqual({ seq: 10, matches: true });
    expect(await a.client.sendCheckpoint({ seq: 10, count: 10, head: 'b'.repeat(64), at: new Date().toISOString() })).toEqual({
      seq: 10,
      matches: false,
    });
    expect((await a.client.latestCheckpoint())?.head).toBe(head);
  });

  it('issues hall-wide case-number blocks that never overlap, through the feed', async () => {
    const b = await enrolWindow(h, { windowName: '3号窗口', role: 'counter', department: null });
    const more = await b.client.call('POST', '/v1/case-number-block-requests', caseNumberBlockRequestResult, {});
    const pageA = feedPage.parse(await a.client.feed('', 1000));
    const pageB = feedPage.parse(await b.client.feed('', 1000));
    const blocks = [...pageA.items, ...pageB.items].filter((i) => i.kind === 'case-number-block');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(pageB.items.filter((i) => i.kind === 'case-number-block').map((i) => (i.kind === 'case-number-block' ? i.first : 0))).toContain(
      more.first,
    );
    const ranges = blocks.map((b2) => (b2.kind === 'case-number-block' ? [b2.first, b2.last] : [0, 0])).sort((x, y) => x[0]! - y[0]!);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]!);
    expect(more.prefix).toMatch(/^TH-\d{4}-$/);
  });

  it('answers an unknown cursor with RESYNC_REQUIRED', async () => {
    await h.hall.sql.query("UPDATE feed_head SET epoch = 'e2' WHERE id = 1");
    const refused = await a.client.feed('eyJlIjoiZTEiLCJzIjoxfQ', 10).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RESYNC_REQUIRED', status: 410 });
  });
});
