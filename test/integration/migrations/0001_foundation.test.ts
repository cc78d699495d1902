import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/store/journal';
import { databaseAt, seedFoundation, storedPayload, writeOldJournal, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 1 (foundation)', () => {
  it('turns an empty file into a store that keeps users, settings and an append-only, verifiable journal', () => {
    old = databaseAt(0);
    old.migrateTo(1);
    const { db } = old;
    seedFoundation(db);
    writeOldJournal(db, [{ ...storedPayload('user.created'), type: 'user.created' }]);
    expect(db.prepare('SELECT username, role, disabled, failed_logins FROM users ORDER BY username').all()).toEqual([
      { username: 'admin', role: 'admin', disabled: 0, failed_logins: 0 },
      { username: 'clerk1', role: 'clerk', disabled: 0, failed_logins: 0 },
    ]);
    // Usernames are unique whatever their case: "Admin" is the same person.
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('x', 'ADMIN', 'x', 'clerk', 'h', 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('y', 'guest', 'x', 'guest', 'h', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(verifyJournal(db)).toMatchObject({ ok: true, events: 1 });
    expect(() => db.prepare("UPDATE journal SET actor = 'someone'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });
});
