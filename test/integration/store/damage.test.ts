/**
 * Faults 2, 3 and 9 of issue 10: a damaged, emptied or missing database is refused at start
 * with a message that says what to do, and nothing is written to it; `onewindow restore` puts
 * a backup back; temp files a kill left among the blobs are swept at start.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli';
import { EventBus } from '../../../electron/event-bus';
import { appendEvents } from '../../../electron/store/journal';
import { checkIntegrityInBackground, checkIntegrityNow, integrityProblemsInWorker } from '../../../electron/store/integrity-watch';
import { openWorkstation } from '../../../electron/workstation';
import { runHostToExit, startHostChild } from '../../helpers/host-child';
import { ADMIN } from '../../helpers/workstation';
import { acceptInput, startLifecycleHost, type Accepted } from '../lifecycle/fixtures';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stepEvent } from '../../helpers/journal-events';

process.env.ONEWINDOW_LOG = 'silent';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A used workstation: a few hundred journal events (dozens of pages) and one material file. */
function usedDataDir(): { dataDir: string; blob: string } {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'ow-damage-')), 'data');
  const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
  for (let i = 0; i < 20; i++) {
    appendEvents(
      ws.db,
      Array.from({ length: 25 }, (_, j) => stepEvent(`case:${i}`, j, { note: '受理材料齐全'.repeat(10), actor: null })),
    );
  }
  const blob = ws.blobs.put(new TextEncoder().encode('扫描件 𠮷 䶮'), 'text/plain').sha256;
  ws.close();
  return { dataDir, blob };
}

/** Two pages of garbage in the middle of the file, as the reproduction did. */
function damageMiddle(file: string): void {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  expect(pages).toBeGreaterThan(6);
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(pageSize * 2), 0, pageSize * 2, Math.floor(pages / 2) * pageSize);
  closeSync(fd);
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { ONEWINDOW_LOG: 'silent' } }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

function expectRefusal(stderr: string): void {
  expect(stderr).toMatch(/onewindow restore/);
  expect(stderr).toMatch(/onewindow doctor/);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('a damaged database', () => {
  it('two pages of garbage in the middle: the host refuses to start and writes nothing', async () => {
    const { dataDir } = usedDataDir();
    const db = join(dataDir, 'onewindow.db');
    damageMiddle(db);
    const before = sha(db);
    const r = await runHostToExit(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/数据库文件 .*onewindow\.db 已损坏（[^）]+），为保护数据已停止使用，没有写入任何内容/);
    expectRefusal(r.stderr);
    expect(sha(db)).toBe(before);
    // A read-only open may leave an empty -wal beside it; nothing may have been logged into one.
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true);
    // doctor explains the same, with where backups come from.
    const d = await cli(['doctor', '--data-dir', dataDir]);
    expect(d.code).toBe(1);
    expect(d.out).toMatch(/\[FAIL\] 数据库: 数据库文件 .* 已损坏.*onewindow restore/);
    expect(sha(db)).toBe(before);
  }, 120_000);

  it('damage found by the scheduled check stops writes and tells the clerk', () => {
    const { dataDir } = usedDataDir();
    const file = join(dataDir, 'onewindow.db');
    damageMiddle(file);
    // A connection opened before the damage, as the running workstation's is.
    const db = new Database(file);
    cleanups.push(() => void db.close());
    const bus = new EventBus();
    const told: unknown[] = [];
    bus.subscribe((event, payload) => event === 'system.fault' && told.push(payload));
    expect(checkIntegrityNow({ db, bus, dataDir })).toBe(false);
    expect(told).toEqual([{ message: expect.stringMatching(/已损坏（定期完整性检查未通过）.*onewindow restore/) }]);
    expect(() => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', '1', 'now')").run()).toThrow(/readonly|read-only/i);
  });

  it('backup refuses a damaged store', async () => {
    const { dataDir } = usedDataDir();
    damageMiddle(join(dataDir, 'onewindow.db'));
    const target = join(dataDir, '..', 'backup.owb');
    const r = await cli(['backup', target, '--data-dir', dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/已损坏/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('an empty or missing database next to a used data directory', () => {
  it('zero-length onewindow.db beside material files: refused, never re-initialised', async () => {
    const { dataDir } = usedDataDir();
    const db = join(dataDir, 'onewindow.db');
    truncateSync(db, 0);
    const r = await runHostToExit(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/中有材料文件，但数据库文件是空的：一窗通不会把它当作新工作站重新初始化/);
    expectRefusal(r.stderr);
    expect(statSync(db).size).toBe(0);
  }, 120_000);

  it('missing onewindow.db beside a leftover journal: refused, no file created', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ow-damage-')), 'data');
    openWorkstation({ dataDir, hostKind: 'browser-host' }).close();
    rmSync(join(dataDir, 'onewindow.db'));
    writeFileSync(join(dataDir, 'onewindow.db-wal'), randomBytes(4096));
    const r = await runHostToExit(dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/中有数据库日志 onewindow\.db-wal，但数据库文件不存在/);
    expect(existsSync(join(dataDir, 'onewindow.db'))).toBe(false);
  }, 120_000);

  it('a brand-new empty data directory still starts', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ow-damage-')), 'data');
    const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
    expect(ws.users.count()).toBe(0);
    ws.close();
  });
});

describe('onewindow restore', () => {
  it('backup → damage → restore → the host starts with the cases and audit verify passes', async () => {
    const t = await startLifecycleHost();
    const accepted = t.accepted<Accepted>(acceptInput());
    const blob = t.ws.blobs.put(new TextEncoder().encode('营业执照扫描件'), 'text/plain').sha256;
    await t.host.close();
    t.ws.close();
    const dataDir = join(t.dir, 'data');
    cleanups.push(() => rmSync(t.dir, { recursive: true, force: true }));
    const backup = join(t.dir, 'backup.owb');
    expect((await cli(['backup', backup, '--data-dir', dataDir])).code).toBe(0);

    damageMiddle(join(dataDir, 'onewindow.db'));
    rmSync(join(dataDir, 'blobs', blob.slice(0, 2), blob));
    expect((await runHostToExit(dataDir)).code).toBe(1);

    const r = await cli(['restore', backup, '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已从备份恢复.*写入 1 个材料文件/);
    expect(r.out).toMatch(/被替换的数据库文件已移到 .*replaced-/);
    // The damaged file is kept for IT, not deleted.
    const aside = readdirSync(dataDir).find((f) => f.startsWith('replaced-'))!;
    expect(existsSync(join(dataDir, aside, 'onewindow.db'))).toBe(true);

    const audit = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(audit.code).toBe(0);
    expect(audit.out).toMatch(/哈希链完整/);

    const host = await startHostChild(dataDir);
    cleanups.push(() => host.stop());
    expect((await host.rpc('session.login', { username: ADMIN.username, password: ADMIN.password })).body.ok).toBe(true);
    const list = await host.rpc('cases.list', {});
    const rows = (list.body.result as { rows: { caseNumber: string }[] }).rows.map((row) => row.caseNumber).sort();
    expect(rows).toEqual(accepted.cases.map((c) => c.caseNumber).sort());
    expect(readFileSync(join(dataDir, 'blobs', blob.slice(0, 2), blob), 'utf8')).toBe('营业执照扫描件');
  }, 180_000);

  it('refuses while the workstation runs, and refuses a file that is not a backup', async () => {
    const { dataDir } = usedDataDir();
    const notBackup = join(dataDir, '..', 'notes.txt');
    writeFileSync(notBackup, 'not a backup');
    const bad = await cli(['restore', notBackup, '--data-dir', dataDir]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/不是一窗通备份文件|不是 onewindow backup/);
    const running = openWorkstation({ dataDir, hostKind: 'browser-host' });
    cleanups.push(() => running.close());
    const busy = await cli(['restore', notBackup, '--data-dir', dataDir]);
    expect(busy.err).toMatch(/一窗通已在运行.*恢复前请先关闭一窗通/);
  });
});

describe('orphaned blob temp files', () => {
  it('are swept when a workstation takes the lock, and only then', () => {
    const { dataDir, blob } = usedDataDir();
    const dir = join(dataDir, 'blobs', blob.slice(0, 2));
    const orphan = join(dir, `${blob}.0a1b2c3d4e5f.tmp`);
    const other = join(dataDir, 'blobs', 'ff', `${'f'.repeat(64)}.abcdef.tmp`);
    writeFileSync(orphan, 'half a scan');
    rmSync(join(dataDir, 'blobs', 'ff'), { recursive: true, force: true });
    mkdirSync(join(dataDir, 'blobs', 'ff'));
    writeFileSync(other, 'half');
    // A CLI beside a running workstation (no lock) must not touch temp files being written.
    openWorkstation({ dataDir, hostKind: 'browser-host', noLock: true }).close();
    expect(existsSync(orphan)).toBe(true);
    const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
    ws.close();
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(other)).toBe(false);
    expect(existsSync(join(dir, blob))).toBe(true);
  });
});

describe('the scheduled check in a worker thread', () => {
  it('finds the damage without blocking, and passes a sound store', async () => {
    const { dataDir } = usedDataDir();
    const file = join(dataDir, 'onewindow.db');
    expect(await integrityProblemsInWorker(file)).toEqual([]);
    damageMiddle(file);
    const db = new Database(file);
    cleanups.push(() => void db.close());
    const bus = new EventBus();
    const told: unknown[] = [];
    bus.subscribe((event, payload) => event === 'system.fault' && told.push(payload));
    expect(await checkIntegrityInBackground({ db, bus, dataDir })).toBe(false);
    expect(told).toHaveLength(1);
    expect(() => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', '1', 'now')").run()).toThrow(/readonly|read-only/i);
  });
});
