import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/catalog';
import type { CliCommand } from '../../../electron/cli/command';
import { CliError } from '../../../electron/cli/command';
import { catalogDirectory, defaultCatalogPath } from '../../../electron/catalog';
import { BROKEN_CATALOG_FILE, DEFAULT_CATALOG_FILE } from './default-catalog';

const tmp = mkdtempSync(join(tmpdir(), 'onewindow-catalog-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function command(name: string): CliCommand {
  const c = commands.find((x) => x.path.join(' ') === `catalog ${name}`);
  if (!c) throw new Error(`no command catalog ${name}`);
  return c;
}

async function run(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(name).run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

describe('onewindow catalog check', () => {
  it('passes the default catalog with a summary line', async () => {
    const r = await run('check', [DEFAULT_CATALOG_FILE]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^目录校验通过：.*版本 2026\.1，5 个阶段，19 个事项/);
  });

  it('lists every error of the broken catalog as path: message and exits 1', async () => {
    const r = await run('check', [BROKEN_CATALOG_FILE]);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(11);
    expect(r.out).toContain('items[1].department: 事项未填写实施部门');
    expect(r.out.every((l) => /^[\w.[\]()根]+: \S/.test(l))).toBe(true);
    expect(r.err.join()).toMatch(/共 11 处错误/);
  });

  it('reports a JSON syntax error with line and column, not a stack', async () => {
    const file = join(tmp, 'comma.json');
    writeFileSync(file, '{\n  "format": "onewindow-catalog/1",\n  "version": "2026.1",\n}\n');
    const r = await run('check', [file]);
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['第4行第1列: 此处应为带双引号的属性名，常见原因是多余的逗号，请修正后重试']);
  });

  it('reports a missing file in one line', async () => {
    const r = await run('check', [join(tmp, 'nope.json')]);
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/^\(文件\): 找不到目录文件 .*nope\.json/);
  });

  it('refuses two files with a usage error', async () => {
    await expect(run('check', ['a.json', 'b.json'])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/一次只能校验一个文件/),
    });
  });
});

describe('onewindow catalog show', () => {
  it('prints one stage with its lead, items, limits and applicability', async () => {
    const r = await run('show', ['--stage', '3', '--file', DEFAULT_CATALOG_FILE]);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/第3阶段 施工许可 — 牵头：市住房和城乡建设局/);
    expect(text).toMatch(/建筑工程施工许可证核发｜市住房和城乡建设局｜行政许可\/承诺件｜法定7个工作日 承诺3个工作日/);
    expect(text).toMatch(/适用：特殊工程类别含特殊建设工程/);
    expect(text).not.toMatch(/第2阶段/);
  });

  it('prints a stage as JSON with only the materials and fields its items use', async () => {
    const r = await run('show', ['--stage', '2', '--json', '--file', DEFAULT_CATALOG_FILE]);
    const parsed = JSON.parse(r.out.join('\n')) as { items: { stage: number }[]; materials: { code: string }[]; fields: { key: string }[] };
    expect(parsed.items.map((i) => i.stage)).toEqual([2, 2]);
    expect(parsed.materials.map((m) => m.code)).toContain('land-use-planning-permit');
    expect(parsed.materials.map((m) => m.code)).not.toContain('completion-report');
    expect(parsed.fields.map((f) => f.key)).not.toContain('contractor.name');
  });

  it('finds the default catalog through ONEWINDOW_RESOURCES', async () => {
    const resources = join(tmp, 'res');
    mkdirSync(join(resources, 'catalog'), { recursive: true });
    const raw = JSON.parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(resources, 'catalog', 'default.json'), JSON.stringify({ ...raw, version: '2027.3', title: '本地目录' }));
    const r = await run('show', [], { ONEWINDOW_RESOURCES: resources });
    expect(r.out[0]).toMatch(/^本地目录 版本 2027\.3/);
    expect(defaultCatalogPath({ ONEWINDOW_RESOURCES: resources })).toBe(join(resources, 'catalog', 'default.json'));
  });

  it('finds resources/catalog by walking up from the module without the variable', () => {
    expect(catalogDirectory({})).toBe(dirname(DEFAULT_CATALOG_FILE));
  });

  it('refuses an unknown stage and a broken catalog with one-line reasons', async () => {
    await expect(run('show', ['--stage', '9', '--file', DEFAULT_CATALOG_FILE])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/没有第“9”阶段.*1 立项用地规划许可/),
    });
    const broken = run('show', ['--file', BROKEN_CATALOG_FILE]);
    await expect(broken).rejects.toBeInstanceOf(CliError);
    await expect(broken).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/11 处错误.*onewindow catalog check/) });
  });
});
