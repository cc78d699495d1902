import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { appendEvents, verifyJournal, streamEvents } from '../../../electron/store/journal';

let dir: string;
let db: Db;
function fresh(): Db {
  dir = mkdtempSync(join(tmpdir(), 'ow-journal-'));
  db = openDatabase(join(dir, 'ow.db'));
  return db;
}
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('chains events and numbers each stream from 1', () => {
    fresh();
    const [a, b] = appendEvents(db, [
      { stream: 'case:1', type: 'case.accepted', payload: { n: 1 }, actor: 'u1' },
      { stream: 'case:2', type: 'case.accepted', payload: { n: 2 }, actor: 'u1' },
    ]);
    const [c] = appendEvents(db, [{ stream: 'case:1', type: 'case.decided', payload: {}, actor: 'u2' }]);
    expect(b!.prevHash).toBe(a!.hash);
    expect(c!.prevHash).toBe(b!.hash);
    expect(streamEvents(db, 'case:1').map((e) => e.streamSeq)).toEqual([1, 2]);
    expect(verifyJournal(db)).toMatchObject({ ok: true, events: 3 });
  });

  it('refuses updates and deletes through SQL', () => {
    fresh();
    appendEvents(db, [{ stream: 's', type: 't', payload: {}, actor: null }]);
    expect(() => db.prepare('UPDATE journal SET payload = ?').run('{}')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });

  it('catches a tampered payload at the right event', () => {
    fresh();
    appendEvents(db, [
      { stream: 's', type: 'a', payload: { fee: 100 }, actor: null },
      { stream: 's', type: 'b', payload: { fee: 200 }, actor: null },
      { stream: 's', type: 'c', payload: { fee: 300 }, actor: null },
    ]);
    // A tamperer who knows SQLite drops the trigger first.
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare("UPDATE journal SET payload = '{\"fee\":1}' WHERE seq = 2").run();
    const result = verifyJournal(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('catches a deleted event', () => {
    fresh();
    appendEvents(db, [
      { stream: 's', type: 'a', payload: {}, actor: null },
      { stream: 't', type: 'b', payload: {}, actor: null },
      { stream: 'u', type: 'c', payload: {}, actor: null },
    ]);
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TRIGGER journal_no_delete');
    db.prepare('DELETE FROM journal WHERE seq = 2').run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});

describe('migrations', () => {
  it('apply from scratch with WAL and synchronous=FULL', () => {
    fresh();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
  });

  it('each migration applies on top of the one before, keeping data', async () => {
    const { migrations } = await import('../../../electron/store/migrations');
    dir = mkdtempSync(join(tmpdir(), 'ow-mig-'));
    const file = join(dir, 'ow.db');
    for (let i = 1; i <= migrations.length; i++) {
      const d = openDatabase(file, migrations.slice(0, i));
      expect(d.pragma('user_version', { simple: true })).toBe(migrations[i - 1]!.version);
      if (i === 1) d.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"v\"', 'now')").run();
      expect(d.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '"v"' });
      d.close();
    }
  });

  it('refuses a database from a newer program with a clear message', () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-future-'));
    const file = join(dir, 'ow.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/数据库版本（999）比本程序支持的版本/);
  });
});
