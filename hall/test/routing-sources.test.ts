import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routedCaseData } from '../../shared/protocol';
import { ENGINES, acceptCase, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/**
 * Where a routed case's events come from: a case accepted in this very batch routes the batch's
 * own events (nothing to read back); a case whose project another window already wrote to reads
 * every window's events of its streams back. The back office must get the same either way: all
 * windows' events of the case's streams, in receipt order, each checkable by its hash.
 */
const page = z.object({ items: z.array(z.looseObject({ kind: z.string() })), cursor: z.string(), more: z.boolean() });

async function reviews(w: TestWindow, caseId: string): Promise<ReturnType<typeof routedCaseData.parse>[]> {
  const out: ReturnType<typeof routedCaseData.parse>[] = [];
  for (let cursor = '', more = true; more;) {
    const p = await w.client.call('GET', `/v1/feed?cursor=${encodeURIComponent(cursor)}&limit=1000`, page);
    for (const i of p.items)
      if (i.kind === 'routed-case' && (i as { caseId?: unknown }).caseId === caseId) out.push(routedCaseData.parse(i.data));
    cursor = p.cursor;
    more = p.more;
  }
  return out;
}

describe.each(ENGINES)('routed events on $name', (engine) => {
  let h: TestHall;
  let a: TestWindow;
  let b: TestWindow;
  let office: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    a = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
    b = await enrolWindow(h, { windowName: '12号窗口', role: 'counter', department: null });
    office = await enrolWindow(h, { windowName: '住建后台', role: 'back-office', department: '住建局' });
  });
  afterAll(async () => h.close());

  it('a case new to the hall routes exactly its batch events, in order, and a second batch of them changes nothing', async () => {
    const first = acceptCase(a.journal, { projectCode: 'P-FRESH-1', department: '住建局' });
    const second = acceptCase(a.journal, { projectCode: 'P-FRESH-2', department: '住建局' });
    const batch = [...first.events, ...second.events];
    expect((await a.client.pushEvents(batch)).results.every((r) => r.status === 'accepted' && !r.repeated)).toBe(true);
    const [review] = await reviews(office, first.caseId);
    expect(review?.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(review?.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
    expect(review?.events.every((e) => e.workstationId === a.id)).toBe(true);
    // Each carries its schema version (from 2 on part of its hash), as sent.
    expect(review?.events.map((e) => e.version)).toEqual(first.events.map((e) => e.version ?? 1));
    // A replay stores and routes nothing new.
    expect((await a.client.pushEvents(batch)).results.every((r) => r.status === 'accepted' && r.repeated)).toBe(true);
    expect(await reviews(office, first.caseId)).toHaveLength(1);
    expect(await reviews(office, second.caseId)).toHaveLength(1);
  });

  it("stage 2 of a project window B registered routes B's project events too, read back in receipt order", async () => {
    const stage1 = acceptCase(b.journal, { projectCode: 'P-SHARED', department: '规划局' });
    expect((await b.client.pushEvents(stage1.events)).results.every((r) => r.status === 'accepted')).toBe(true);
    const projectStream = stage1.events[0]!.stream;
    const stage2 = acceptCase(a.journal, {
      projectCode: 'P-SHARED',
      department: '住建局',
      projectId: projectStream.slice('project:'.length),
    });
    expect((await a.client.pushEvents(stage2.events)).results.every((r) => r.status === 'accepted')).toBe(true);
    const [review] = await reviews(office, stage2.caseId);
    expect(review?.events.map((e) => [e.workstationId, e.id])).toEqual([
      [b.id, stage1.events[0]!.id],
      ...stage2.events.map((e) => [a.id, e.id]),
    ]);
    // Read back from the database, each still carries its schema version.
    expect(review?.events.map((e) => e.version)).toEqual([stage1.events[0]!, ...stage2.events].map((e) => e.version ?? 1));
  });
});
