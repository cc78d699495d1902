import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, eventHash } from '../../electron/store/journal';
import type { WireEvent } from '../../electron/sync/wire';
import { ENGINES, enrolWindow, startTestHall, type TestHall, type TestWindow } from './helpers';

/** A wire event hashed as a workstation would, after `prevHash` (the version joins the hash from 2 on). */
function wire(seq: number, prevHash: string, type: string, payload: unknown, version?: number): WireEvent {
  const e = {
    id: `ingest-${seq}-${Math.random().toString(36).slice(2)}`,
    seq,
    stream: 'case:ingest-c1',
    streamSeq: seq,
    type,
    payload: JSON.stringify(payload),
    actor: 'clerk-1',
    at: '2026-03-02T01:00:00.000Z',
    prevHash,
  };
  return { ...e, ...(version !== undefined ? { version } : {}), hash: eventHash(prevHash, { ...e, version }) };
}

/** The hall checks what it receives against the same journal schema as the workstation (shared/journal). */
describe.each(ENGINES)('hall ingest on $name', (engine) => {
  let h: TestHall;
  let a: TestWindow;

  beforeAll(async () => {
    h = await startTestHall(engine);
    a = await enrolWindow(h, { windowName: '1号窗口', role: 'counter', department: null });
  });
  afterAll(async () => h.close());

  it('accepts a v1 event from an older workstation and a v2 one, and refuses a payload off its schema with a reason', async () => {
    const v1 = wire(1, GENESIS_HASH, 'case.deadline-recomputed', {
      caseNumber: 'W1-2026-000001',
      from: '2026-03-11',
      to: '2026-03-12',
      reason: '调休',
    });
    const v2 = wire(
      2,
      v1.hash,
      'case.deadline-recomputed',
      { caseId: 'ingest-c1', caseNumber: 'W1-2026-000001', from: '2026-03-12', to: '2026-03-13', reason: '调休' },
      2,
    );
    const bad = wire(3, v2.hash, 'case.withdrawn', { caseId: 'ingest-c1', caseNumber: 'W1-2026-000001', reason: 42 });
    const unknown = wire(3, v2.hash, 'case.evaluated', { level: 9 });
    const { results } = await a.client.pushEvents([v1, v2, bad, unknown]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'invalid', 'invalid']);
    expect(results[2]).toMatchObject({ code: 'SCHEMA', message: expect.stringContaining('reason') as unknown });
    expect(results[3]).toMatchObject({ code: 'SCHEMA', message: expect.stringContaining('未知的事件类型') as unknown });
    const held = await h.hall.sql.query<{ id: string }>('SELECT id FROM events WHERE workstation = $1 ORDER BY ws_seq', [a.id]);
    expect(held.map((r) => r.id)).toEqual([v1.id, v2.id]);
  });

  it('refuses an event whose version is unknown to the hall, and judges the rest of the batch', async () => {
    const [head] = await h.hall.sql.query<{ hash: string }>('SELECT hash FROM events WHERE workstation = $1 ORDER BY ws_seq DESC LIMIT 1', [
      a.id,
    ]);
    const future = wire(3, head!.hash, 'case.withdrawn', { caseId: 'ingest-c1', caseNumber: 'W1-2026-000001', reason: '撤回' }, 9);
    const { results } = await a.client.pushEvents([future]);
    expect(results).toEqual([
      expect.objectContaining({ status: 'invalid', code: 'SCHEMA', message: expect.stringContaining('请升级程序') }),
    ]);
  });
});
