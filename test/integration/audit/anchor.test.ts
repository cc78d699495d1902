import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANCHOR_FILE } from '../../../electron/audit/anchor';
import { runCli } from '../../../electron/cli';
import { appendEvents, eventHash, verifyJournal, type JournalRow } from '../../../electron/store/journal';
import { createSyncService } from '../../../electron/sync/service';
import { openWorkstation } from '../../../electron/workstation';
import { startPlatform, type Platform } from '../../platform/server';
import { WORKSTATION, fastConfig, waitFor } from '../sync/helpers';
import { stepEvent } from '../../helpers/journal-events';

let dir: string;
let platform: Platform;
beforeEach(async () => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-anchor-'));
  platform = await startPlatform({ workstations: [WORKSTATION] });
});
afterEach(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

const dataDir = (): string => join(dir, 'data');

/** The settings change is journalled too: 1 + 20 events. */
const LAST = 21;

/** A workstation that journalled 21 events, synced them and handed the platform a checkpoint. */
async function workstationWithCheckpoint(): Promise<void> {
  const ws = openWorkstation({ dataDir: dataDir(), hostKind: 'browser-host' });
  try {
    ws.settings.set({ ...ws.config(), platform: { url: platform.url, workstationId: WORKSTATION.id, secret: WORKSTATION.secret } }, 'test');
    for (let i = 0; i < 20; i++) {
      ws.db.transaction(() => appendEvents(ws.db, [stepEvent(`case:${i % 3}`, i, { note: '欧阳䶮撤回' })]))();
    }
    const service = createSyncService({ db: ws.db, blobs: ws.blobs, config: fastConfig(platform.url, { checkpointIntervalMs: 0 }) });
    service.start();
    try {
      await waitFor(
        async () => (await platform.store.latestCheckpoint(WORKSTATION.id))?.seq === LAST,
        'the checkpoint of the last event on the platform',
      );
    } finally {
      await service.stop();
    }
  } finally {
    ws.close();
  }
}

async function auditVerify(): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['audit', 'verify', '--data-dir', dataDir()], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Opens the database as a tamperer would: directly, with nothing of the workstation running. */
function tamper(change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir(), 'onewindow.db'));
  try {
    // A careful tamperer lifts the append-only triggers (and foreign keys) and puts them back.
    db.pragma('foreign_keys = OFF');
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'").all() as {
      name: string;
      sql: string;
    }[];
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    change(db);
    for (const t of triggers) db.exec(t.sql);
    // The chain walk alone is fooled by both tamperings: that is the gap this test is about.
    expect(verifyJournal(db).ok).toBe(true);
  } finally {
    db.close();
  }
}

describe('audit verify against anchors a tamperer cannot recompute (issue 10, fault 8)', () => {
  it('passes an untouched journal and says what it checked', async () => {
    await workstationWithCheckpoint();
    const r = await auditVerify();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/哈希链完整：共 21 条事件/);
    expect(r.out).toMatch(/本机锚点相符/);
    expect(r.out).toMatch(/与中心平台检查点相符（第 21 条/);
  });

  it('catches the last row deleted, by the local anchor and by the platform checkpoint', async () => {
    await workstationWithCheckpoint();
    tamper((db) => db.prepare('DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)').run());
    const r = await auditVerify();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/本机锚点记录的第 21 条事件已不在日志中（日志末尾的事件被删除）/);
    expect(r.err).toMatch(/中心平台检查点记录的第 21 条事件已不在日志中/);
    expect(r.err).toMatch(/联系信息科/);
  });

  it('catches a row edited and every hash after it recomputed, even with the anchor file rewritten', async () => {
    await workstationWithCheckpoint();
    tamper((db) => {
      const rows = db.prepare('SELECT * FROM journal ORDER BY seq').all() as JournalRow[];
      let prev = rows[6]!.prev_hash;
      for (const row of rows.slice(6)) {
        const payload = row.seq === 7 ? JSON.stringify({ i: 6, applicant: '欧阳某' }) : row.payload;
        const hash = eventHash(prev, {
          id: row.id,
          stream: row.stream,
          streamSeq: row.stream_seq,
          type: row.type,
          payload,
          actor: row.actor,
          at: row.at,
        });
        db.prepare('UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(payload, prev, hash, row.seq);
        prev = hash;
      }
    });
    const first = await auditVerify();
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/第 21 条事件的哈希与本机锚点不符（日志被改写后重新计算了哈希）/);
    expect(first.err).toMatch(/第 21 条事件的哈希与中心平台检查点不符/);

    // The tamperer also points the anchor file at the new head, but cannot sign it.
    const file = join(dataDir(), ANCHOR_FILE);
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as { head: string };
    const db = new Database(join(dataDir(), 'onewindow.db'), { readonly: true });
    anchor.head = (db.prepare('SELECT hash FROM journal WHERE seq = 21').get() as { hash: string }).hash;
    db.close();
    writeFileSync(file, JSON.stringify(anchor));
    const second = await auditVerify();
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/签名不符（锚点文件被改动）/);
    expect(second.err).toMatch(/中心平台检查点不符/);
  });

  it('reports a deleted anchor file, and keeps the evidence instead of following a tampered head', async () => {
    await workstationWithCheckpoint();
    tamper((db) => db.prepare('DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)').run());
    // The workstation starts and journals on: the anchor must not move to the new head.
    const ws = openWorkstation({ dataDir: dataDir(), hostKind: 'browser-host' });
    ws.db.transaction(() => appendEvents(ws.db, [stepEvent('case:0', 20, { note: 'after' })]))();
    ws.close();
    const r = await auditVerify();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/第 21 条事件的哈希与本机锚点不符/);

    rmSync(join(dataDir(), ANCHOR_FILE));
    const gone = await auditVerify();
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/锚点文件（journal-anchor.json）不见了/);
  });
});
