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

// An empty data directory of its own, so a workstation on the test machine cannot leak in.
async function run(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = { ONEWINDOW_DATA_DIR: join(dir, 'no-data-dir') },
): Promise<Outcome> {
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
    expect(commands.map((c) => c.path.join(' '))).toEqual([
      'calendar add-workdays',
      'calendar is-workday',
      'calendar check',
      'calendar import',
    ]);
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
    const unknown = await run('is-workday', ['2100-01-04']);
    expect(unknown.code).toBe(3);
    expect(unknown.reason).toMatch(/没有2100年的放假安排.*请同步/);
    expect(unknown.reason).not.toMatch(/\n/);
    expect((await run('add-workdays', ['2099-12-28', '10'])).code).toBe(3);
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
    writeFileSync(
      file,
      JSON.stringify({
        years: [{ year: 2026, holidays: [{ name: '试行假日', from: '2026-03-09', to: '2026-03-09' }], makeupWorkdays: [] }],
      }),
    );
    expect((await run('is-workday', ['2026-03-09', '--calendar', file])).out).toEqual(['holiday 试行假日']);
    // Years the file lacks are provisional, derived from the statutory holidays.
    expect((await run('is-workday', ['2025-03-10', '--calendar', file])).out).toEqual(['workday 暂估']);
    expect((await run('is-workday', ['2100-03-10', '--calendar', file])).code).toBe(3);
    const missing = await run('is-workday', ['2026-03-09', '--calendar', join(dir, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.reason).toMatch(/找不到节假日日历文件/);
  });

  it('check lists the years of a valid file and every problem of a broken one', async () => {
    const ok = await run('check', []);
    expect(ok.code).toBe(0);
    expect(ok.out.slice(1)).toEqual(['2024年 251 个工作日', '2025年 248 个工作日', '2026年 248 个工作日']);
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({
        years: [{ year: 2026, holidays: [{ name: '', from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: [{ date: '2026-02-13' }] }],
      }),
    );
    const bad = await run('check', ['--calendar', broken]);
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['years[0].holidays[0].name: 节日名称不能为空']);
    expect(bad.reason).toMatch(/1 处错误/);
  });

  it('answers on provisional years, saying 暂估, with held-out 2027 and 2028 dates', async () => {
    // 2027 除夕 is 2-05 (lunar calendar); 4 days from 除夕; no make-up days are guessed.
    expect((await run('is-workday', ['2027-02-04'])).out).toEqual(['workday 暂估']);
    expect((await run('is-workday', ['2027-02-05'])).out).toEqual(['holiday 春节 暂估']);
    expect((await run('is-workday', ['2027-02-08'])).out).toEqual(['holiday 春节 暂估']);
    expect((await run('is-workday', ['2027-02-09'])).out).toEqual(['workday 暂估']);
    expect((await run('is-workday', ['2027-04-05'])).out).toEqual(['holiday 清明节 暂估']);
    expect((await run('is-workday', ['2027-05-02'])).out).toEqual(['holiday 劳动节 暂估']);
    expect((await run('is-workday', ['2027-05-03'])).out).toEqual(['workday 暂估']);
    expect((await run('is-workday', ['2027-06-09'])).out).toEqual(['holiday 端午节 暂估']);
    expect((await run('is-workday', ['2027-09-15'])).out).toEqual(['holiday 中秋节 暂估']);
    expect((await run('is-workday', ['2027-10-04'])).out).toEqual(['workday 暂估']);
    expect((await run('is-workday', ['2028-01-25'])).out).toEqual(['holiday 春节 暂估']);
    expect((await run('is-workday', ['2028-10-03'])).out).toEqual(['holiday 中秋节、国庆节 暂估']);
    const across = await run('add-workdays', ['2026-12-28', '10']);
    expect(across.out).toEqual(['2027-01-12']);
    expect(across.err[0]).toMatch(/^暂估：2027年放假安排尚未公布/);
    expect((await run('add-workdays', ['2027-02-04', '1'])).out).toEqual(['2027-02-09']);
    expect((await run('add-workdays', ['2026-12-01', '5'])).err).toEqual([]);
  });

  it('imports a notice into a data directory, after which add-workdays and is-workday use it', async () => {
    const dataDir = join(dir, 'ws');
    const env = { ONEWINDOW_LOG: 'silent' };
    const notice = join(__dirname, '../../fixtures/calendar/notice-2027-fictional.txt');
    const dry = await run('import', [notice, '--data-dir', dataDir, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('  元旦：2027-01-01 至 2027-01-04 放假，共4天');
    expect(dry.out).toContain('  2027-02-20（周六）上班（春节调休）');
    const imported = await run('import', [notice, '--data-dir', dataDir], env);
    expect(imported.code).toBe(0);
    expect(imported.out.at(-1)).toMatch(/已导入2027年放假安排/);
    expect((await run('is-workday', ['2027-01-04', '--data-dir', dataDir], env)).out).toEqual(['holiday 元旦']);
    expect((await run('is-workday', ['2027-02-20', '--data-dir', dataDir], env)).out).toEqual(['workday 调休上班']);
    expect(await run('add-workdays', ['2026-12-28', '10', '--data-dir', dataDir], env)).toEqual({ code: 0, out: ['2027-01-13'], err: [] });
    expect((await run('is-workday', ['2028-01-25', '--data-dir', dataDir], env)).out).toEqual(['holiday 春节 暂估']);

    const broken = join(dir, 'broken-notice.txt');
    writeFileSync(broken, '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）放假1天。\n');
    const refused = await run('import', [broken, '--data-dir', dataDir], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/^第2行（元旦）：1月1日标注为周四，但2027年1月1日是周五/)]);
    expect((await run('import', [join(dir, 'absent.txt')], env)).reason).toMatch(/找不到通知文件/);
  });
});
