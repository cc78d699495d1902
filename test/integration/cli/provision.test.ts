import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli';

let dir: string;
beforeEach(() => {
  process.env.ONEWINDOW_LOG = 'silent';
  dir = mkdtempSync(join(tmpdir(), 'ow-provision-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function provision(file: string): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(['provision', file, '--data-dir', join(dir, 'data')], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    env: {},
  });
  return { code, text: lines.join('\n') };
}

const SECRET_LINE = 'root:$y$j9T$Xq0p1ZsecretSALT$hashhashhashhashhash:19700:0:99999:7:::';

describe('onewindow provision never echoes the file it was given (issue 10, fault 7)', () => {
  it('refuses a symlink to a secret, unparsable file without printing any of it', async () => {
    const secret = join(dir, 'shadow');
    writeFileSync(secret, `${SECRET_LINE}\ndaemon:*:19700:0:99999:7:::\n`);
    const link = join(dir, 'window-12.json');
    symlinkSync(secret, link);
    const { code, text } = await provision(link);
    expect(code).toBe(2);
    expect(text).toMatch(/不是有效的 JSON/);
    expect(text).toMatch(/配置模板/);
    // Not a single fragment of the file: the first bytes were printed before.
    for (const fragment of ['root', '$y$', 'j9T', 'daemon', 'hash']) expect(text).not.toContain(fragment);
  });

  it('says plainly when the file is missing, a directory, or too large', async () => {
    expect(await provision(join(dir, 'missing.json'))).toMatchObject({ code: 2, text: expect.stringMatching(/文件不存在/) });
    expect(await provision(dir)).toMatchObject({ code: 2, text: expect.stringMatching(/不是普通文件/) });
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"pad":"${'x'.repeat(1_100_000)}"}`);
    const r = await provision(big);
    expect(r).toMatchObject({ code: 2, text: expect.stringMatching(/过大/) });
    expect(r.text).not.toContain('xxxx');
  });

  it('names a misspelt key of a valid config, but not a key that looks like a secret', async () => {
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify({ windw: {}, 'root:$y$j9T$secret': 1 }));
    const { code, text } = await provision(file);
    expect(code).toBe(2);
    expect(text).not.toContain('j9T');
    expect(text).toMatch(/不认识的字段（windw）/);
  });
});
