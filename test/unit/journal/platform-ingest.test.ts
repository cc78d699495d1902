/** The reference platform checks what it receives against the same journal schema (shared/journal). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, eventHash } from '../../../electron/store/journal';
import type { WireEvent } from '../../../electron/sync/wire';
import { PlatformStore } from '../../platform/store';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A wire event hashed as a workstation would, after `prevHash`. */
function wire(seq: number, prevHash: string, type: string, payload: unknown, version?: number): WireEvent {
  const e = {
    id: `e-${seq}`,
    seq,
    stream: 'case:c1',
    streamSeq: seq,
    type,
    payload: JSON.stringify(payload),
    actor: 'clerk-1',
    at: '2026-03-02T01:00:00.000Z',
    prevHash,
  };
  return { ...e, ...(version !== undefined ? { version } : {}), hash: eventHash(prevHash, { ...e, version }) };
}

describe('platform ingest', () => {
  it('accepts a v1 event from an older workstation and a v2 one, and refuses a payload off its schema with a reason', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-platform-'));
    const store = new PlatformStore(join(dir, 'platform.db'));
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
      { caseId: 'c1', caseNumber: 'W1-2026-000001', from: '2026-03-12', to: '2026-03-13', reason: '调休' },
      2,
    );
    const bad = wire(3, v2.hash, 'case.withdrawn', { caseId: 'c1', caseNumber: 'W1-2026-000001', reason: 42 });
    const unknown = wire(3, v2.hash, 'case.evaluated', { level: 9 });
    const results = store.acceptEvents('ws-1', [v1, v2, bad, unknown], undefined, '2026-03-02T01:00:01.000Z');
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'invalid', 'invalid']);
    expect(results[2]).toMatchObject({ code: 'SCHEMA', message: expect.stringContaining('reason') as unknown });
    expect(results[3]).toMatchObject({ code: 'SCHEMA', message: expect.stringContaining('未知的事件类型') as unknown });
    expect(store.db.prepare('SELECT version FROM events ORDER BY ws_seq').all()).toEqual([{ version: 1 }, { version: 2 }]);
    store.db.close();
  });
});
