import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { log } from '../log';
import type { Db } from '../store/database';
import { GENESIS_HASH } from '../store/journal';

/**
 * Anchors for the journal's hash chain. The chain alone cannot show that its last rows were
 * deleted, or that a row was edited and every hash after it recomputed: both leave a valid chain.
 * What a tamperer with the database cannot also fix: the head kept outside the database (a file in
 * the data directory, MAC'd with the platform secret) and the checkpoints held by the platform.
 */
export const ANCHOR_FILE = 'journal-anchor.json';

const FOLLOW_TRIGGER = 'journal_anchor_follow';

export interface JournalHead {
  /** seq of the last event (0 for an empty journal). */
  seq: number;
  count: number;
  head: string;
}

export const anchorRecord = z
  .object({
    seq: z.number().int().nonnegative(),
    count: z.number().int().nonnegative(),
    head: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string(),
    /** HMAC-SHA256 with the platform secret; null when no platform was configured. */
    mac: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  })
  .strict();
export type AnchorRecord = z.infer<typeof anchorRecord>;

export function journalHead(db: Db): JournalHead {
  const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number };
  return { seq: last?.seq ?? 0, count: n, head: last?.hash ?? GENESIS_HASH };
}

export function anchorMac(secret: string, h: JournalHead): string {
  return createHmac('sha256', secret).update(`OW-ANCHOR\n${h.seq}\n${h.count}\n${h.head}`).digest('hex');
}

export type AnchorFileRead = { state: 'missing' } | { state: 'unreadable' } | { state: 'ok'; anchor: AnchorRecord };

export function readAnchorFile(dataDir: string): AnchorFileRead {
  const file = join(dataDir, ANCHOR_FILE);
  if (!existsSync(file)) return { state: 'missing' };
  try {
    const parsed = anchorRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { state: 'ok', anchor: parsed.data } : { state: 'unreadable' };
  } catch {
    return { state: 'unreadable' };
  }
}

/** Replaces the anchor file atomically (write, fsync, rename): never a half-written anchor. */
export function writeAnchorFile(dataDir: string, h: JournalHead, secret: string | null, at: string): void {
  const record: AnchorRecord = { ...h, at, mac: secret ? anchorMac(secret, h) : null };
  const file = join(dataDir, ANCHOR_FILE);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(record));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export type AnchorCheck = { ok: true; note?: string } | { ok: false; reason: string };

/**
 * Whether the journal still holds what an anchor recorded: the anchored event with the anchored
 * hash, and as many events up to it. (The chain walk in verifyJournal covers the rest.)
 */
export function checkJournalAgainst(db: Db, anchor: JournalHead, what: string): AnchorCheck {
  if (anchor.seq === 0) return { ok: true };
  const row = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) return { ok: false, reason: `${what}记录的第 ${anchor.seq} 条事件已不在日志中（日志末尾的事件被删除）` };
  if (row.hash !== anchor.head) return { ok: false, reason: `第 ${anchor.seq} 条事件的哈希与${what}不符（日志被改写后重新计算了哈希）` };
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM journal WHERE seq <= ?').get(anchor.seq) as { n: number };
  if (n !== anchor.count)
    return { ok: false, reason: `${what}记录到第 ${anchor.seq} 条时共 ${anchor.count} 条事件，现在只有 ${n} 条（事件被删除）` };
  return { ok: true };
}

/** The local anchor file against the journal, with its MAC when a secret is configured. */
export function checkAnchorFile(db: Db, dataDir: string, secret: string | null): AnchorCheck {
  const read = readAnchorFile(dataDir);
  if (read.state === 'missing') {
    return journalHead(db).count === 0 ? { ok: true } : { ok: false, reason: `数据目录中的日志锚点文件（${ANCHOR_FILE}）不见了（被删除）` };
  }
  if (read.state === 'unreadable') return { ok: false, reason: `日志锚点文件（${ANCHOR_FILE}）内容无法识别（被改动）` };
  const { anchor } = read;
  if (secret && anchor.mac !== null && !sameHex(anchor.mac, anchorMac(secret, anchor))) {
    return { ok: false, reason: `日志锚点文件（${ANCHOR_FILE}）的签名不符（锚点文件被改动）` };
  }
  const check = checkJournalAgainst(db, anchor, '本机锚点');
  if (!check.ok) return check;
  return secret && anchor.mac === null ? { ok: true, note: '本机锚点写于配置中心平台之前，未签名' } : { ok: true };
}

/**
 * Keeps the anchor file at the journal head: after each append (once the caller's transaction
 * has ended, so a rolled-back append never moves it). If at start the journal no longer matches
 * the anchor, the anchor is left alone as evidence and the file stops following the head.
 */
export function startJournalAnchor(db: Db, dataDir: string, secret: () => string | null, now: () => Date): { stop(): void } {
  // A missing file is created once (the first start with anchors); missing after that is evidence.
  const created = db.prepare("SELECT 1 FROM sync_state WHERE key = 'anchor.created'").get() !== undefined;
  const initial =
    !created && readAnchorFile(dataDir).state === 'missing' ? ({ ok: true } as const) : checkAnchorFile(db, dataDir, secret());
  let frozen = !initial.ok;
  if (!initial.ok) log.error('journal does not match its anchor; the anchor file is kept as evidence', { reason: initial.reason });
  let scheduled = false;
  let written = '';
  // Verified at start with the secret of the day; a re-provisioned secret re-signs at the next write.
  let writtenSecret = secret();
  const follow = (): void => {
    scheduled = false;
    if (frozen || !db.open) return;
    try {
      const h = journalHead(db);
      const key = secret();
      if (h.head === written && key === writtenSecret) return;
      writeAnchorFile(dataDir, h, key, now().toISOString());
      writtenSecret = key;
      if (written === '') db.prepare("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('anchor.created', ?)").run(now().toISOString());
      written = h.head;
    } catch (err) {
      log.error('journal anchor not written', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  if (!frozen) follow();
  // Told of every append by a TEMP trigger: it lives on this connection only (like the anchor),
  // and no module-level registry has to map databases to listeners.
  db.function('ow_journal_appended', () => {
    if (!scheduled && !frozen) {
      scheduled = true;
      queueMicrotask(follow);
    }
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${FOLLOW_TRIGGER} AFTER INSERT ON main.journal BEGIN SELECT ow_journal_appended(); END`);
  return {
    stop() {
      follow();
      frozen = true;
      if (db.open) db.exec(`DROP TRIGGER IF EXISTS temp.${FOLLOW_TRIGGER}`);
    },
  };
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
