import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';
import { verifyJournal } from '../../../electron/store/journal';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'accept-child.ts');

/** Runs the child until it has reported `atLeast` acceptances plus a random extra moment, then SIGKILLs it. */
function runAndKill(
  dataDir: string,
  atLeast: number,
  extraMs: number,
): Promise<{ reported: string[]; stderr: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: string[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line && line !== 'ready') reported.push(...line.split(' '));
      if (!armed && reported.length >= atLeast) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('error', reject);
    // Only lines that arrived whole count as reported: a torn last line was never "said".
    child.on('exit', (_code, signal) => resolve({ reported, stderr, signal }));
  });
}

describe('acceptance survives SIGKILL', () => {
  it('keeps every acceptance the child reported as committed, and the journal verifies', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-kill-'));
    const all: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { reported, stderr, signal } = await runAndKill(dir, 10 + Math.floor(Math.random() * 20), Math.floor(Math.random() * 40));
      expect(stderr).toBe('');
      expect(signal).toBe('SIGKILL');
      all.push(...reported);
    }
    expect(all.length).toBeGreaterThan(40);
    const db = openDatabase(join(dir, 'onewindow.db'));
    try {
      const stored = new Set(
        (db.prepare('SELECT case_number FROM item_cases').all() as { case_number: string }[]).map((r) => r.case_number),
      );
      const lost = all.filter((n) => !stored.has(n));
      expect(lost).toEqual([]);
      expect(new Set(all).size).toBe(all.length);
      // Every stored case is whole: its acceptance event is in the journal.
      const orphans = db
        .prepare(
          "SELECT COUNT(*) AS n FROM item_cases c WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.stream = 'case:' || c.id AND j.type = 'case.accepted')",
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
      expect(verifyJournal(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }, 120_000);
});
