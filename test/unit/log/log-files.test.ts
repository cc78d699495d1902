import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli';
import { log } from '../../../electron/log';
import { RotatingLogFile, listLogFiles, logDirOf } from '../../../electron/log-files';

let dataDir: string;
let detach: (() => void) | undefined;
beforeEach(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'ow-logs-'));
});
afterEach(() => {
  detach?.();
  detach = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function names(): string[] {
  return readdirSync(logDirOf(dataDir)).sort();
}

describe('rotating log files in the data directory', () => {
  it('starts a new file when the Shanghai day changes, not the UTC day', () => {
    // 2026-12-01 15:59 UTC is 23:59 in Shanghai; a minute later it is the 2nd there.
    let now = new Date('2026-12-01T15:59:00Z');
    const file = new RotatingLogFile({ dir: logDirOf(dataDir), now: () => now });
    file.write('{"msg":"late on the 1st"}');
    now = new Date('2026-12-01T16:00:30Z');
    file.write('{"msg":"early on the 2nd"}');
    file.close();
    expect(names()).toEqual(['onewindow-2026-12-01.log', 'onewindow-2026-12-02.log']);
    expect(readFileSync(join(logDirOf(dataDir), 'onewindow-2026-12-02.log'), 'utf8')).toBe('{"msg":"early on the 2nd"}\n');
  });

  it('continues a day in numbered files once a file would outgrow maxBytes, never splitting a line', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const file = new RotatingLogFile({ dir: logDirOf(dataDir), now: () => now, maxBytes: 100 });
    const line = 'x'.repeat(39); // 40 bytes with its newline: two fit in 100, a third does not
    for (let i = 0; i < 5; i++) file.write(line);
    file.close();
    expect(names()).toEqual(['onewindow-2026-12-01.1.log', 'onewindow-2026-12-01.2.log', 'onewindow-2026-12-01.log']);
    expect(listLogFiles(logDirOf(dataDir)).map((f) => f.name)).toEqual([
      'onewindow-2026-12-01.log',
      'onewindow-2026-12-01.1.log',
      'onewindow-2026-12-01.2.log',
    ]);
    for (const n of names()) expect(statSync(join(logDirOf(dataDir), n)).size).toBeLessThanOrEqual(100);
    const all = names()
      .map((n) => readFileSync(join(logDirOf(dataDir), n), 'utf8'))
      .join('');
    expect(all.split('\n').filter(Boolean)).toEqual(Array(5).fill(line));
  });

  it('continues the last part of the day after a restart instead of overwriting it', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const first = new RotatingLogFile({ dir: logDirOf(dataDir), now: () => now });
    first.write('{"msg":"before restart"}');
    first.close();
    const second = new RotatingLogFile({ dir: logDirOf(dataDir), now: () => now });
    second.write('{"msg":"after restart"}');
    second.close();
    expect(readFileSync(join(logDirOf(dataDir), 'onewindow-2026-12-01.log'), 'utf8')).toBe(
      '{"msg":"before restart"}\n{"msg":"after restart"}\n',
    );
  });

  it('deletes the oldest files beyond maxFiles', () => {
    let now = new Date('2026-11-01T02:00:00Z');
    const file = new RotatingLogFile({ dir: logDirOf(dataDir), now: () => now, maxFiles: 3 });
    for (let d = 0; d < 6; d++) {
      now = new Date(Date.parse('2026-11-01T02:00:00Z') + d * 86_400_000);
      file.write(`{"day":${d}}`);
    }
    file.close();
    expect(names()).toEqual(['onewindow-2026-11-04.log', 'onewindow-2026-11-05.log', 'onewindow-2026-11-06.log']);
  });
});

describe('log.toFiles', () => {
  it('masks ID numbers in the file, stamps lines with the injected clock, and keeps files while stderr is silent', () => {
    detach = log.toFiles(dataDir, { now: () => new Date('2026-12-28T01:00:00Z') });
    log.error('card read failed', { raw: 'id 11010519491231002X in a message' });
    const text = readFileSync(join(logDirOf(dataDir), 'onewindow-2026-12-28.log'), 'utf8');
    expect(text).not.toContain('11010519491231002X');
    expect(text).toContain('110105********002X');
    expect(JSON.parse(text.trim())).toMatchObject({ t: '2026-12-28T01:00:00.000Z', level: 'error', msg: 'card read failed' });
  });

  it('stops writing after detach', () => {
    const stop = log.toFiles(dataDir, { now: () => new Date('2026-12-28T01:00:00Z') });
    log.info('kept');
    stop();
    log.info('not kept');
    expect(readFileSync(join(logDirOf(dataDir), 'onewindow-2026-12-28.log'), 'utf8')).toContain('kept');
    expect(readFileSync(join(logDirOf(dataDir), 'onewindow-2026-12-28.log'), 'utf8')).not.toContain('not kept');
  });
});

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

describe('onewindow logs --since', () => {
  function seed(): void {
    const dir = logDirOf(dataDir);
    const file = new RotatingLogFile({ dir, now: () => new Date('2026-12-27T20:00:00Z'), maxBytes: 200 });
    // Shanghai 2026-12-28 04:00 .. 09:00, one line an hour (across several size-rotated files).
    for (let h = 20; h <= 25; h++) {
      const t = new Date(Date.parse('2026-12-27T00:00:00Z') + h * 3_600_000).toISOString();
      file.write(JSON.stringify({ t, level: 'info', msg: `hour ${h}` }));
    }
    file.close();
    // A line from the day before, and a line cut short by a crash in today's file.
    writeFileSync(
      join(dir, 'onewindow-2026-12-27.log'),
      JSON.stringify({ t: '2026-12-27T03:00:00Z', level: 'info', msg: 'yesterday' }) + '\n',
    );
    writeFileSync(join(dir, 'onewindow-2026-12-28.9.log'), '{"t":"2026-12-28T01:00:0');
  }

  it('prints the lines of the last hour on the injected clock, oldest first', async () => {
    seed();
    const r = await cli(['logs', '--since', '1h', '--data-dir', dataDir], { ONEWINDOW_CLOCK: '2026-12-28T09:30:00+08:00' });
    expect(r.code).toBe(0);
    // 09:30 Shanghai is 01:30Z: only the 01:00Z line is within the hour … and the crash-cut line.
    expect(r.out.filter((l) => l.includes('"msg"')).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['hour 25']);
    expect(r.out.at(-1)).toBe('{"t":"2026-12-28T01:00:0');
  });

  it('widens with --since 3h and skips earlier days entirely', async () => {
    seed();
    const r = await cli(['logs', '--since', '3h', '--data-dir', dataDir], { ONEWINDOW_CLOCK: '2026-12-28T09:30:00+08:00' });
    expect(r.out.filter((l) => l.includes('"msg"')).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'hour 23',
      'hour 24',
      'hour 25',
    ]);
    const all = await cli(['logs', '--since', '2d', '--data-dir', dataDir], { ONEWINDOW_CLOCK: '2026-12-28T09:30:00+08:00' });
    expect(all.out.some((l) => l.includes('yesterday'))).toBe(true);
  });

  it('says in Chinese what is wrong with a bad --since or an empty log directory', async () => {
    seed();
    const bad = await cli(['logs', '--since', 'yesterday', '--data-dir', dataDir], {});
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/无法识别.*1h/);
    const empty = await cli(['logs', '--data-dir', join(dataDir, 'elsewhere')], {});
    expect(empty.code).toBe(1);
    expect(empty.err.join('\n')).toMatch(/还没有日志/);
  });

  it('doctor names the log directory', async () => {
    const r = await cli(['doctor', '--data-dir', dataDir], { ONEWINDOW_LOG: 'silent' });
    expect(r.out.join('\n')).toContain(`日志目录: ${logDirOf(dataDir)}`);
  });
});
