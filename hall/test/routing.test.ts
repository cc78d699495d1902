import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FeedItem } from '../../electron/sync/wire';
import {
  boardPage,
  handoverResult,
  projectLibraryItem,
  projectRequestResult,
  routedCaseData,
  statisticsResult,
} from '../../shared/protocol';
import { ENGINES, acceptCase, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/**
 * 一窗受理、分类审批、统一出件 through the hall: routing to the department's back office,
 * decisions back to the accepting window, signed cases to the issuing window, the push channel
 * waking the target, project libraries for any window, hand-over, board and statistics.
 */
type AnyItem = FeedItem | { kind: string; [k: string]: unknown };
const loosePage = z.object({ items: z.array(z.looseObject({ kind: z.string() })), cursor: z.string(), more: z.boolean() });

async function pullAll(w: TestWindow, cursor = ''): Promise<{ items: AnyItem[]; cursor: string }> {
  const items: AnyItem[] = [];
  for (;;) {
    // Items are checked below with the hall schemas; the page itself loosely here.
    const raw = await w.client.call('GET', `/v1/feed?cursor=${encodeURIComponent(cursor)}&limit=1000`, loosePage);
    items.push(...raw.items);
    cursor = raw.cursor;
    if (!raw.more) return { items, cursor };
  }
}

function routed(items: readonly AnyItem[], caseId: string): ReturnType<typeof routedCaseData.parse>[] {
  return items
    .filter((i) => i.kind === 'routed-case' && (i as { caseId: string }).caseId === caseId)
    .map((i) => routedCaseData.parse((i as { data: unknown }).data));
}

/** Reads SSE hints from the push channel until one arrives or `ms` pass; resolves with the wait in ms or null. */
async function nextHint(w: TestWindow, url: string, trigger: () => Promise<unknown>, ms = 5_000): Promise<number | null> {
  const controller = new AbortController();
  const res = await fetch(`${url}/v1/feed/stream`, {
    headers: w.client.signedHeaders('GET', '/v1/feed/stream'),
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // The first hint comes at once on connecting ("pull after reconnect"): consume it.
  while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value);
  text = '';
  const started = Date.now();
  await trigger();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    while (!text.includes('event: pull')) {
      const { value, done } = await reader.read();
      if (done) return null;
      text += decoder.decode(value);
    }
    return Date.now() - started;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe.each(ENGINES)('hall routing on $name', (engine) => {
  let h: TestHall;
  let counterA: TestWindow;
  let counterB: TestWindow;
  let backOffice: TestWindow;
  let otherDept: TestWindow;
  let issuing: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    counterA = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
    counterB = await enrolWindow(h, { windowName: '12号窗口', role: 'counter', department: null });
    backOffice = await enrolWindow(h, { windowName: '规划后台', role: 'back-office', department: '自然资源和规划局' });
    otherDept = await enrolWindow(h, { windowName: '住建后台', role: 'back-office', department: '住建局' });
    issuing = await enrolWindow(h, { windowName: '出件窗口', role: 'issuing', department: null });
  });
  afterAll(async () => h.close());

  it('stage 1 at window A: back office reviews, decides and signs; A gets the decision, the issuing window the case; stage 2 at window B reuses stage 1', async () => {
    const stage1 = acceptCase(counterA.journal, { projectCode: 'P-2026-001', department: '自然资源和规划局' });
    const wait = await nextHint(backOffice, h.hall.url, () => counterA.client.pushEvents(stage1.events));
    // The push hint must come (not the feed poll); how fast is measured in bench/hall.ts.
    expect(wait).not.toBeNull();

    const review = routed((await pullAll(backOffice)).items, stage1.caseId);
    expect(review.map((r) => r.reason)).toEqual(['review']);
    expect(review[0]!.events.map((e) => e.type)).toEqual(['project.registered', 'application.accepted', 'case.accepted']);
    expect(review[0]!.events.every((e) => e.workstationId === counterA.id)).toBe(true);
    expect(routed((await pullAll(otherDept)).items, stage1.caseId)).toEqual([]);
    expect(routed((await pullAll(counterA)).items, stage1.caseId)).toEqual([]);

    // The back office journals its own events of the case from its own position 1.
    const stream = `case:${stage1.caseId}`;
    const caseKey = { caseId: stage1.caseId, caseNumber: `TH-${stage1.caseId.slice(0, 6)}` };
    const bo = [
      backOffice.journal.append(
        stream,
        'case.extended',
        { ...caseKey, workdays: 5, reason: '需现场踏勘', approver: 'leader-1', approverName: '王*' },
        'reviewer-1',
      ),
      backOffice.journal.append(
        stream,
        'case.decided',
        { ...caseKey, decision: 'approve', opinion: '同意', department: '自然资源和规划局' },
        'reviewer-1',
      ),
      backOffice.journal.append(stream, 'case.signed', { ...caseKey, signatureId: 'sig-1', decision: 'approve' }, 'leader-1'),
    ];
    expect((await backOffice.client.pushEvents(bo)).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    const back = routed((await pullAll(counterA)).items, stage1.caseId);
    expect(back.map((r) => r.reason)).toEqual(['decided', 'decided']);
    expect(back.at(-1)!.events.map((e) => e.type)).toContain('case.signed');
    const toIssue = routed((await pullAll(issuing)).items, stage1.caseId);
    expect(toIssue.map((r) => r.reason)).toEqual(['issue']);

    const issued = issuing.journal.append(
      stream,
      'case.issued',
      {
        ...caseKey,
        decision: 'approve',
        completedOn: new Date().toISOString().slice(0, 10),
        onTime: true,
        documentNumber: '规字第001号',
        elicenceId: 'EL-001',
        validUntil: '2029-12-31',
      },
      'clerk-9',
    );
    expect((await issuing.client.pushEvents([issued])).results[0]).toMatchObject({ status: 'accepted' });

    // Stage 2 at window B: it asks for the project and gets stage 1's materials and licence.
    expect(await counterB.client.call('POST', '/v1/project-requests', projectRequestResult, { projectCode: 'P-2026-001' })).toEqual({
      queued: 1,
    });
    const libs = (await pullAll(counterB)).items.filter((i) => i.kind === 'project-library').map((i) => projectLibraryItem.parse(i));
    const lib = libs.at(-1)!;
    expect(lib.cases).toEqual([
      expect.objectContaining({
        caseId: stage1.caseId,
        status: 'completed',
        documentNumber: '规字第001号',
        elicenceId: 'EL-001',
        acceptedBy: counterA.id,
      }),
    ]);
    expect(lib.materials).toHaveLength(1);
    expect(lib.licences).toEqual([expect.objectContaining({ identifier: 'EL-001', validUntil: '2029-12-31' })]);
    expect(new Set(lib.events.map((e) => e.type))).toEqual(
      new Set([
        'project.registered',
        'application.accepted',
        'case.accepted',
        'case.extended',
        'case.decided',
        'case.signed',
        'case.issued',
      ]),
    );

    const stage2 = acceptCase(counterB.journal, { projectCode: 'P-2026-001', department: '住建局', itemCode: 'ITEM-2' });
    await counterB.client.pushEvents(stage2.events);
    // Window A, subscribed by its own stage 1, learns of stage 2 (one project, any window).
    const aLibs = (await pullAll(counterA)).items.filter((i) => i.kind === 'project-library').map((i) => projectLibraryItem.parse(i));
    expect(
      aLibs
        .at(-1)!
        .cases.map((c) => c.caseId)
        .sort(),
    ).toEqual([stage1.caseId, stage2.caseId].sort());
    expect(aLibs.map((l) => l.version)).toEqual([...aLibs.map((l) => l.version)].sort((x, y) => x - y));
  });

  it('hands a case over from the holding window only, once per hand-over id, journaled and routed', async () => {
    const c = acceptCase(counterA.journal, { projectCode: 'P-HAND', department: '住建局' });
    await counterA.client.pushEvents(c.events);
    const request = { handoverId: randomUUID(), caseId: c.caseId, toWorkstation: counterB.id, note: '申请人改到12号窗口' };
    const refused = await counterB.client
      .call('POST', '/v1/handovers', handoverResult, { ...request, handoverId: randomUUID(), toWorkstation: counterA.id })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'NOT_HOLDER', status: 409 });
    const done = await counterA.client.call('POST', '/v1/handovers', handoverResult, request);
    expect(done).toMatchObject({ holder: counterB.id });
    expect(await counterA.client.call('POST', '/v1/handovers', handoverResult, request)).toEqual(done);
    const got = routed((await pullAll(counterB)).items, c.caseId);
    expect(got.map((r) => [r.reason, r.holder, r.note])).toEqual([['hand-over', counterB.id, '申请人改到12号窗口']]);
    const journal = await h.hall.sql.query<{ type: string; actor: string }>('SELECT type, actor FROM hall_journal WHERE subject = $1', [
      `case:${c.caseId}`,
    ]);
    expect(journal).toEqual([{ type: 'case.handed-over', actor: counterA.id }]);
  });

  it('shows leaders the hall-wide board by keyset pages and statistics; counters are refused', async () => {
    for (let i = 0; i < 5; i++)
      await counterA.client.pushEvents(
        acceptCase(counterA.journal, {
          projectCode: `P-BOARD-${i}`,
          department: '住建局',
          acceptedOn: `2026-03-0${i + 1}`,
          dueOn: `2026-03-0${i + 2}`,
        }).events,
      );
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `/v1/board?limit=3&department=${encodeURIComponent('住建局')}${after ? `&after=${after}` : ''}`;
      const page = await otherDept.client.call('GET', query, boardPage);
      seen.push(...page.rows.map((r) => r.acceptedOn ?? ''));
      after = page.next;
    } while (after);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBeGreaterThanOrEqual(5);
    const stats = await otherDept.client.call('GET', '/v1/statistics?from=2026-03-01&to=2026-03-31&by=department', statisticsResult);
    expect(stats.rows).toEqual([expect.objectContaining({ key: '住建局', accepted: 5, completed: 0 })]);
    const refused = await counterA.client
      .call('GET', '/v1/statistics?from=2026-03-01&to=2026-03-31&by=window', statisticsResult)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
