import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 16 (hall replicas)', () => {
  it('keeps the replicated events (sender unknown), adds the window cache and append-only hall signatures', () => {
    old = databaseAt(versionBefore(16));
    const { db } = old;
    db.prepare(
      "INSERT INTO hall_replicated_events (id, stream, type, payload, actor, at, hash, applied_at) VALUES ('e-1', 'case:c-1', 'case.decided', '{}', 'u-9', 'x', ?, 'y')",
    ).run('a'.repeat(64));
    const before = db.prepare('SELECT * FROM hall_replicated_events').all();
    old.migrateTo(16);
    // Events replicated before this version have no sender: history shows them as 其他窗口.
    expect(db.prepare('SELECT * FROM hall_replicated_events').all()).toEqual(
      before.map((r) => ({ ...(r as object), workstation_id: null })),
    );
    db.prepare(
      "INSERT INTO hall_windows (workstation_id, window_name, role, department, seen_at) VALUES ('ws-1', '规划局后台', 'back-office', '市自然资源和规划局', 'x')",
    ).run();
    expect(db.prepare('SELECT window_name FROM hall_windows').get()).toEqual({ window_name: '规划局后台' });
    const insert = db.prepare(
      `INSERT INTO hall_signatures (id, case_ref, content_json, content_hash, document_sha256, signature, public_key, signer_user_id, signed_at, event_id, received_at)
       VALUES (?, 'c-1', NULL, 'h', 'd', 's', 'k', 'u-9', 'x', ?, 'y')`,
    );
    insert.run('sig-1', 'e-2');
    // One row per replicated event: the feed's redelivery cannot store a signature twice.
    expect(() => insert.run('sig-2', 'e-2')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE hall_signatures SET signature = 'forged' WHERE id = 'sig-1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM hall_signatures WHERE id = 'sig-1'").run()).toThrow(/append-only/);
  });
});
