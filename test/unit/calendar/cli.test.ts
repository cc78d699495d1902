import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/calendar';
import { CliError, type CliCommand } from '../../../electron/cli/command';

interface Outcome {
  code: number;
  out: string[];
  err: string[];
  reason?: string;
}

function command(name: string): CliCommand {
  const found = commands.find((c) => c.path.join(' ') === `calendar ${name}`);
  if (!found) throw new Error(`no command calendar ${name}`);
  return found;
}

async function run(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await command(name).run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
    return { code, out, err };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { code: error.exitCode, out, err, reason: error.message };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-calendar-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('onewindow calendar', () => {
  it('exports its commands under calendar', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(['calendar add-workdays', 'calendar is-workday', 'calendar check']);
    for (const c of commands) expect(c.usage).toMatch(/^onewindow calendar /);
  });

  it('add-workdays prints the date', async () => {
    expect(await run('add-workdays', ['2025-09-26', '20'])).toEqual({ code: 0, out: ['2025-10-30'], err: [] });
    expect((await run('add-workdays', ['2026-02-12', '7'])).out).toEqual(['2026-02-28']);
    expect((await run('add-workdays', ['2026-02-24', '--', '-1'])).out).toEqual(['2026-02-14']);
  });

  it('is-workday prints the kind and the reason', async () => {
    expect((await run('is-workday', ['2026-10-01'])).out).toEqual(['holiday 国庆节']);
    expect((await run('is-workday', ['2026-03-07'])).out).toEqual(['holiday 周六']);
    expect((await run('is-workday', ['2026-03-08'])).out).toEqual(['holiday 周日']);
    expect((await run('is-workday', ['2026-02-28'])).out).toEqual(['workday 调休上班']);
    expect((await run('is-workday', ['2026-03-09'])).out).toEqual(['workday']);
  });

  it('fails with one Chinese line for an unknown or malformed date', async () => {
    const unknown = await run('is-workday', ['2027-01-04']);
    expect(unknown.code).toBe(3);
    expect(unknown.reason).toMatch(/没有2027年的放假安排.*请同步/);
    expect(unknown.reason).not.toMatch(/\n/);
    expect((await run('add-workdays', ['2026-12-28', '10'])).code).toBe(3);
    const malformed = await run('is-workday', ['2026-02-30']);
    expect(malformed.code).toBe(2);
    expect(malformed.reason).toMatch(/不是有效日期.*YYYY-MM-DD/);
    expect((await run('add-workdays', ['2026-03-02', 'x'])).code).toBe(2);
    expect((await run('add-workdays', ['2026-03-02'])).code).toBe(2);
    expect((await run('is-workday', ['2026-03-02', '--bogus'])).code).toBe(2);
    expect((await run('is-workday', [])).code).toBe(2);
  });

  it('uses --calendar instead of the shipped file', async () => {
    const file = join(dir, 'only-2026.json');
    writeFileSync(file, JSON.stringify({ years: [{ year: 2026, holidays: [{ name: '试行假日', from: '2026-03-09', to: '2026-03-09' }], makeupWorkdays: [] }] }));
    expect((await run('is-workday', ['2026-03-09', '--calendar', file])).out).toEqual(['holiday 试行假日']);
    expect((await run('is-workday', ['2025-03-10', '--calendar', file])).code).toBe(3);
    const missing = await run('is-workday', ['2026-03-09', '--calendar', join(dir, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.reason).toMatch(/找不到节假日日历文件/);
  });

  it('check lists the years of a valid file and every problem of a broken one', async () => {
    const ok = await run('check', []);
    expect(ok.code).toBe(0);
    expect(ok.out.slice(1)).toEqual(['2024年 251 个工作日', '2025年 248 个工作日', '2026年 248 个工作日']);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ years: [{ year: 2026, holidays: [{ name: '', from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: [{ date: '2026-02-13' }] }] }));
    const bad = await run('check', ['--calendar', broken]);
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['years[0].holidays[0].name: 节日名称不能为空']);
    expect(bad.reason).toMatch(/1 处错误/);
  });
});
