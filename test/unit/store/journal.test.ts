import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/store/database';
import { appendEvents, eventHash, streamEvents, typedEvent, verifyJournal, type JournalEventInput } from '../../../electron/store/journal';
import { stepEvent } from '../../helpers/journal-events';

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
    const [a, b] = appendEvents(db, [stepEvent('case:1', 1, { actor: 'u1' }), stepEvent('case:2', 2, { actor: 'u1' })]);
    const [c] = appendEvents(db, [stepEvent('case:1', 3, { actor: 'u2' })]);
    expect(b!.prevHash).toBe(a!.hash);
    expect(c!.prevHash).toBe(b!.hash);
    expect(streamEvents(db, 'case:1').map((e) => e.streamSeq)).toEqual([1, 2]);
    expect(verifyJournal(db)).toMatchObject({ ok: true, events: 3 });
  });

  it('refuses a payload that does not fit its type, and records and hashes each event’s version', () => {
    fresh();
    // A command with a bug: the cast stands for code TypeScript cannot see into.
    const bad = {
      stream: 'case:1',
      type: 'case.withdrawn',
      payload: { caseId: '1', caseNumber: 'T-1' },
      actor: null,
    } as unknown as JournalEventInput;
    expect(() => appendEvents(db, [bad])).toThrow(/case\.withdrawn.*reason/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n).toBe(0);

    const [v2] = appendEvents(db, [
      {
        stream: 'case:1',
        type: 'case.deadline-recomputed',
        payload: { caseId: '1', caseNumber: 'T-1', from: null, to: '2026-03-11', reason: '导入放假安排' },
        actor: null,
      },
    ]);
    expect(v2!.version).toBe(2);
    expect(db.prepare('SELECT version FROM journal WHERE seq = ?').get(v2!.seq)).toEqual({ version: 2 });
    // From version 2 on the version is hashed: relabelling an event as v1 breaks the chain.
    const asV1 = eventHash(v2!.prevHash, { ...v2!, payload: JSON.stringify(v2!.payload), version: 1 });
    expect(asV1).not.toBe(v2!.hash);
    expect(verifyJournal(db)).toMatchObject({ ok: true, events: 1 });
    expect(typedEvent(streamEvents(db, 'case:1')[0]!)).toMatchObject({
      type: 'case.deadline-recomputed',
      version: 2,
      payload: { caseId: '1' },
    });
  });

  it('refuses updates and deletes through SQL', () => {
    fresh();
    appendEvents(db, [stepEvent('case:s', 1, { actor: null })]);
    expect(() => db.prepare('UPDATE journal SET payload = ?').run('{}')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });

  it('catches a tampered payload at the right event', () => {
    fresh();
    appendEvents(db, [
      stepEvent('case:s', 100, { actor: null }),
      stepEvent('case:s', 200, { actor: null }),
      stepEvent('case:s', 300, { actor: null }),
    ]);
    // A tamperer who knows SQLite drops the trigger first.
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare('UPDATE journal SET payload = \'{"fee":1}\' WHERE seq = 2').run();
    const result = verifyJournal(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('catches a deleted event', () => {
    fresh();
    appendEvents(db, [
      stepEvent('case:s', 1, { actor: null }),
      stepEvent('case:t', 1, { actor: null }),
      stepEvent('case:u', 1, { actor: null }),
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
