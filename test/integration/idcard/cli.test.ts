/**
 * The IT diagnostics end to end: `devices idcard simulate` as a child process on one end of a
 * socat PTY pair, `devices idcard read` on the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../electron/cli/command';
import { EXIT_NO_READER, EXIT_SAM_ERROR, EXIT_TIMEOUT, commands } from '../../../electron/cli/idcard';
import { startPtyPair } from './socat';

const root = new URL('../../../', import.meta.url).pathname;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function command(...path: string[]) {
  const found = commands.find((c) => c.path.join(' ') === path.join(' '));
  if (!found) throw new Error(`no command ${path.join(' ')}`);
  return found;
}

async function runCli(path: string[], args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await command(...path).run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
    return { code, out, err };
  } catch (e) {
    if (e instanceof CliError) return { code: e.exitCode, out, err: [...err, e.message] };
    throw e;
  }
}

/** Starts `devices idcard simulate` in a child and waits (bounded) until it listens. */
async function startSimulator(args: string[]): Promise<ChildProcess> {
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'test/integration/idcard/run-cli.ts'), 'devices', 'idcard', 'simulate', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${text}`)), 15000);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('simulator listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}: ${text}`));
    });
  });
  return child;
}

async function pair() {
  const dir = mkdtempSync(join(tmpdir(), 'idcard-cli-'));
  const p = await startPtyPair(dir);
  cleanups.push(() => p.kill());
  return { ...p, dir };
}

describe('onewindow devices idcard', () => {
  it('read --json prints the card with the full number, against simulate on a PTY', async () => {
    const { a, b } = await pair();
    await startSimulator(['--port', b, '--card', join(root, 'resources/idcards/resident-long-term.json')]);
    const { code, out } = await runCli(['devices', 'idcard', 'read'], ['--port', a, '--timeout', '10', '--json']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const card: unknown = JSON.parse(out[0]!);
    expect(card).toMatchObject({
      cardType: 'resident',
      name: '赵建国',
      englishName: null,
      sex: '男',
      sexCode: '1',
      ethnicity: '蒙古族',
      ethnicityCode: '02',
      birthDate: '1958-02-14',
      address: '内蒙古自治区呼和浩特市新城区演示街12号',
      idNumber: '150102195802140034',
      idNumberValid: true,
      authority: '呼和浩特市公安局新城区分局',
      validFrom: '2010-09-01',
      validTo: '长期',
      nationality: null,
      passNumber: null,
      issueCount: null,
      newAddress: null,
      photo: { format: 'wlt', bytes: 1024 },
    });
    expect((card as { photo: { sha256: string } }).photo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('simulate accepts a card file from anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-card-'));
    const file = join(dir, 'card.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'custom',
        label: '自定义',
        cardType: 'hk-mo-tw',
        fields: {
          name: '示例',
          sexCode: '2',
          birthDate: '19900101',
          idNumber: '830000199001010020',
          validFrom: '20200101',
          validTo: '20300101',
          passNumber: 'T00000001',
          issueCount: '02',
        },
      }),
    );
    const { a, b } = await pair();
    await startSimulator(['--port', b, '--card', file]);
    const { code, out } = await runCli(['devices', 'idcard', 'read'], ['--port', a, '--timeout', '10']);
    expect(code).toBe(0);
    expect(out).toContain('通行证号码：T00000001');
    expect(out).toContain('签发次数：2');
  });

  it('exits non-zero naming SW3 60 when the SAM self-test fails', async () => {
    const { a, b } = await pair();
    await startSimulator(['--port', b, '--card', 'resident-standard', '--self-test-fail']);
    const { code, err } = await runCli(['devices', 'idcard', 'read'], ['--port', a, '--timeout', '10']);
    expect(code).toBe(EXIT_SAM_ERROR);
    expect(err.at(-1)).toMatch(/SW3=60/);
  });

  it('exits non-zero on timeout when no card is placed', async () => {
    const { a, b } = await pair();
    await startSimulator(['--port', b, '--no-card']);
    const { code, err } = await runCli(['devices', 'idcard', 'read'], ['--port', a, '--timeout', '1']);
    expect(code).toBe(EXIT_TIMEOUT);
    expect(err.at(-1)).toMatch(/1 秒内未从 .* 读到证件/);
  });

  it('exits non-zero when there is no reader on the port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-none-'));
    const { code, err } = await runCli(['devices', 'idcard', 'read'], ['--port', join(dir, 'ttyUSB9'), '--timeout', '5']);
    expect(code).toBe(EXIT_NO_READER);
    expect(err.at(-1)).toMatch(/上没有可用的读卡器/);
  });

  it('devices list shows ports and the configured reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-list-'));
    const config = join(dir, 'workstation.json');
    writeFileSync(
      config,
      JSON.stringify({ devices: { idcard: { driver: 'serial', port: '/dev/ttyUSB0', baudRate: 115200, pollIntervalMs: 300 } } }),
    );
    const { code, out } = await runCli(['devices', 'list'], ['--config', config]);
    expect(code).toBe(0);
    expect(out[0]).toBe('Serial ports:');
    expect(out.join('\n')).toMatch(/idcard: serial \/dev\/ttyUSB0 115200 bps, poll 300 ms/);
    const json = await runCli(['devices', 'list'], ['--config', config, '--json']);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ devices: { idcard: { driver: 'serial', port: '/dev/ttyUSB0' } } });
  });
});
