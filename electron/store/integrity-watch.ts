/**
 * The full `integrity_check` while the workstation runs: a disk can go bad under a running
 * store. It takes seconds on a large store (8 s for 66 MB measured in bench/foundation.ts), so
 * it runs in a worker thread on its own read-only connection and never freezes the window.
 * On failure the workstation's connection is switched to read-only (`query_only`), so nothing
 * more is written to the damaged file, and the clerk is told what to do; cases stay readable.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { corruptMessage, integrityProblems } from './health';
import { log } from '../log';
import type { Db } from './database';
import type { EventBus } from '../event-bus';

export const INTEGRITY_INTERVAL_MS = 6 * 60 * 60_000;

export interface IntegrityTarget {
  db: Db;
  bus: EventBus;
  dataDir: string;
}

// Plain CommonJS so it runs the same under tsx and in the esbuild bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let problems;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check(20)');
    const lines = rows.map((r) => String(Object.values(r)[0]));
    problems = lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } finally {
    db.close();
  }
} catch (err) {
  problems = [String(err && err.message || err)];
}
parentPort.postMessage(problems);
`;

/** `integrity_check` of a database file in a worker thread; resolves with the problems found. */
export function integrityProblemsInWorker(file: string): Promise<string[]> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite } });
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`integrity worker exited with ${code}`));
    });
  });
}

/** Stops writes and tells the clerk; returns false for "not sound". */
function onDamage(ws: IntegrityTarget, problems: string[]): false {
  try {
    ws.db.pragma('query_only = ON');
  } catch {
    // The connection may already be unusable; writes fail either way.
  }
  log.error('database integrity check failed: writes stopped', { problems: problems.slice(0, 5).map((p) => log.scrub(p)) });
  ws.bus.emit('system.fault', { message: corruptMessage(join(ws.dataDir, 'onewindow.db'), '定期完整性检查未通过', 'running') });
  return false;
}

/** Runs the check on the calling thread (CLI, tests); returns whether the store is sound. */
export function checkIntegrityNow(ws: IntegrityTarget): boolean {
  const problems = integrityProblems(ws.db);
  return problems.length === 0 || onDamage(ws, problems);
}

/** The same, in a worker thread: what the running workstation uses. */
export async function checkIntegrityInBackground(ws: IntegrityTarget): Promise<boolean> {
  let problems: string[];
  try {
    problems = await integrityProblemsInWorker(join(ws.dataDir, 'onewindow.db'));
  } catch (err) {
    // A worker that could not run is not evidence of damage; try again next time.
    log.warn('integrity check could not run', { error: err instanceof Error ? err.message : String(err) });
    return true;
  }
  return problems.length === 0 || onDamage(ws, problems);
}

/** Checks every interval until the store fails once (then it stays read-only); returns stop. */
export function watchIntegrity(ws: IntegrityTarget, intervalMs = INTEGRITY_INTERVAL_MS): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void checkIntegrityInBackground(ws)
      .then((sound) => {
        if (!sound) clearInterval(timer);
      })
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
