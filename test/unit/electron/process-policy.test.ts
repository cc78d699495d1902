/**
 * The process-wide fault policy (issue 10, fault 1): an unhandled rejection or an uncaught
 * exception is logged scrubbed, reported to the clerk at most once per interval, and the
 * process keeps running. Run in a child process: Node's default would end it with code 1.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

describe('fault policy', () => {
  it('keeps the process alive, reports within the rate limit, and never logs an ID number', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/unit/electron/policy-child.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ONEWINDOW_LOG: '' },
    });
    expect(r.status).toBe(0);
    // Three faults: the first reported, the second inside the interval suppressed, the third after it reported.
    expect(JSON.parse(r.stdout.trim())).toEqual({ alive: true, reports: 2 });
    const lines = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; error?: string });
    expect(lines.filter((l) => /^(unhandled-rejection|uncaught-exception): kept running$/.test(l.msg))).toHaveLength(3);
    expect(r.stderr).not.toContain('110101199003070011');
    expect(r.stderr).toContain('110101********0011');
  });
});
