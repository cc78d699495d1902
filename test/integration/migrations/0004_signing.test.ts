import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 4 (signing)', () => {
  it('lets the leaders already registered hold one active key each, and keeps signatures append-only', () => {
    old = databaseAt(versionBefore(4));
    const { db } = old;
    seedFoundation(db);
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, password_hash, department, created_at) VALUES ('u-leader', 'leader1', '钱局长', 'leader', 'h', '市自然资源和规划局', 'now')",
    ).run();
    const { caseId } = seedCase(db);
    old.migrateTo(4);
    const key = db.prepare(
      'INSERT INTO leader_keys (id, user_id, public_key, encrypted_private_key, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    key.run('k-1', 'u-leader', '04aa', '{"wrap":1}', 'now', null);
    // A second active key for the same leader is refused; a revoked one may stay beside it.
    expect(() => key.run('k-2', 'u-leader', '04bb', '{"wrap":2}', 'now', null)).toThrow(/UNIQUE/);
    key.run('k-0', 'u-leader', '04cc', '{"wrap":0}', 'then', 'now');
    expect(() => key.run('k-3', 'u-nobody', '04dd', '{}', 'now', null)).toThrow(/FOREIGN KEY/);
    db.prepare(
      "INSERT INTO signatures (id, case_ref, content_json, content_hash, document_sha256, signature, public_key, key_id, signer_user_id, signer_name, signed_at) VALUES ('s-1', ?, '{}', 'h', ?, 'MEUCIQ', '04aa', 'k-1', 'u-leader', '钱局长', 'now')",
    ).run(caseId, 'a'.repeat(64));
    expect(() => db.prepare("UPDATE signatures SET signer_name = '别人'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM signatures').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT username FROM users WHERE id = ?').get('u-leader')).toEqual({ username: 'leader1' });
  });
});
