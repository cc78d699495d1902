import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  child = undefined;
  dataDir = undefined;
});

describe('starting the browser host (`npm start` without Electron)', () => {
  it('prints one-time links, never the token, and keeps the token in a file only this user can read', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ow-launch-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'electron/browser-host-main.ts'), '--data-dir', dataDir, '--no-open', '--reason', 'test'],
      {
        cwd: root,
        env: { ...process.env, ONEWINDOW_LOG: 'silent', ONEWINDOW_RESOURCES: join(root, 'resources') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const printed = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        if (/applicant display: +\S+/.test(output) && output.includes('one-time links')) resolve(output);
      });
      child!.once('exit', (code) => reject(new Error(`host exited ${code}: ${output}`)));
    });
    const tokenFile = join(dataDir, 'browser-host.token');
    const token = readFileSync(tokenFile, 'utf8');
    expect(token.length).toBeGreaterThan(20);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(printed).not.toContain(token);

    const link = /open the workstation: (\S+)/.exec(printed)![1]!;
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toContain(`ow_token=${token}`);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);

    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    // Gone with the host: a token file left behind would outlive the start it belongs to.
    expect(() => statSync(tokenFile)).toThrow();
  });
});
