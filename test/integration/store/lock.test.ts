/**
 * Fault 4 of issue 10: the data-directory lock. Several processes hammer it at once and the
 * marks they write while holding it must never interleave; a holder killed with SIGKILL frees
 * it at once; leftovers of the old PID-file lock (a live unrelated PID) block nobody.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock } from '../../../electron/store/lock';

const root = new URL('../../../', import.meta.url).pathname;
const child = join(root, 'test/integration/store/lock-child.ts');
// node itself, not the tsx wrapper: the pid we kill must be the process holding the lock.
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', child, ...args]] as const;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function run(args: string[]): Promise<string> {
  const p = spawn(...node(args), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (c: Buffer) => (out += c.toString()));
  p.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    p.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`lock child exited ${code}: ${err}`)))),
  );
}

/** Starts a holder and resolves once it says it holds the lock. */
function holder(dataDir: string): Promise<{ pid: number; kill9(): Promise<void> }> {
  const p = spawn(...node(['hold', dataDir]), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  cleanups.push(() => p.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    p.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('held')) resolve({ pid: p.pid!, kill9: async () => void (p.kill('SIGKILL'), await exited) });
      else reject(new Error(`holder could not take the lock: ${c.toString()}`));
    });
  });
}

describe('data directory lock', () => {
  it('is never held by two of 5 hammering processes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-lock-'));
    const marks = join(dir, 'marks.txt');
    writeFileSync(marks, '');
    const each = 200;
    const results = await Promise.all(Array.from({ length: 5 }, () => run(['hammer', dir, marks, String(each)])));
    const lines = readFileSync(marks, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5 * each * 2);
    let holderPid: string | null = null;
    let overlaps = 0;
    for (const line of lines) {
      const [kind, pid] = line.split(' ');
      if (kind === 'S') {
        if (holderPid !== null) overlaps++;
        holderPid = pid!;
      } else {
        if (holderPid !== pid) overlaps++;
        holderPid = null;
      }
    }
    expect(overlaps).toBe(0);
    // They really contended: some attempts found the lock taken.
    const refused = results.map((r) => (JSON.parse(r) as { refused: number }).refused).reduce((a, b) => a + b, 0);
    expect(refused).toBeGreaterThan(0);
  }, 180_000);

  it('refuses a second holder naming the first, and SIGKILL of the holder frees it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-lock-'));
    const h = await holder(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(new RegExp(`一窗通已在运行（进程 ${h.pid}`));
    await h.kill9();
    const lock = DataDirLock.acquire(dir);
    expect(lock.held).toBe(true);
    // Released by us, it can be taken again, in this process as in another.
    lock.release();
    DataDirLock.acquire(dir).release();
  }, 60_000);

  it('an old PID lock file naming a live, unrelated process blocks nobody', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-lock-'));
    writeFileSync(join(dir, 'onewindow.lock'), '1');
    const lock = DataDirLock.acquire(dir);
    expect(lock.held).toBe(true);
    lock.release();
  });

  it('cannot be taken twice inside one process either', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-lock-'));
    const first = DataDirLock.acquire(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(/一窗通已在运行/);
    first.release();
  });
});
