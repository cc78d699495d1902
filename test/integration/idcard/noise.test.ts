/**
 * Fault 1 of issue 10: line noise on the reader's serial port. A generator on the far end of a
 * socat PTY pair sends frames with a valid preamble and random length at >= 500 frames/s while
 * the browser host — a child process, as in the product — reads the near end. The host must
 * survive, keep answering, keep its log small, and read a real card once the noise stops; the
 * CLI diagnostic must exit with its documented code and one line in Chinese.
 *
 * ONEWINDOW_NOISE_SECONDS shortens the noise while working on this; the issue asks for 60 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_NO_READER, EXIT_SAM_ERROR, EXIT_TIMEOUT } from '../../../electron/cli/idcard';
import { openWorkstation } from '../../../electron/workstation';
import { startHostChild } from '../../helpers/host-child';
import { startPtyPair } from './socat';

const root = new URL('../../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const NOISE_SECONDS = Number(process.env.ONEWINDOW_NOISE_SECONDS ?? 60);
const FPS = 500;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], timeoutMs: number): Promise<ChildResult> {
  const child = spawn(tsx, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not finish: ${stderr}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the noisy reader (noise-generator.ts); resolves with its report when the noise ends. */
function noisyReader(port: string, seconds: number, card?: string): Promise<{ frames: number; bytes: number; seconds: number }> {
  const child = spawn(
    tsx,
    [join(root, 'test/integration/idcard/noise-generator.ts'), port, String(FPS), String(seconds), ...(card ? [card] : [])],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`noise generator did not finish: ${err}`)), (seconds + 90) * 1000);
    child.once('exit', (code) => reject(new Error(`noise generator exited with ${code}: ${err}`)));
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(text) as { frames: number; bytes: number; seconds: number });
      }
    });
  });
}

async function ptyPair() {
  const dir = mkdtempSync(join(tmpdir(), 'idcard-noise-'));
  const pair = await startPtyPair(dir);
  cleanups.push(() => pair.kill());
  return { dir, ...pair };
}

describe('serial line noise', () => {
  it(
    `the host survives ${NOISE_SECONDS} s of noise at ${FPS} frames/s, keeps its log small, then reads a card`,
    async () => {
      const { dir, a, b } = await ptyPair();
      const dataDir = join(dir, 'data');
      // Set up like `provision`: the reader on the near end of the PTY pair.
      process.env.ONEWINDOW_LOG = 'silent';
      const ws = openWorkstation({ dataDir, hostKind: 'browser-host' });
      const config = ws.config();
      ws.settings.set(
        {
          ...config,
          devices: { ...config.devices, idcard: { driver: 'serial', port: a, baudRate: 115200, probeRates: false, pollIntervalMs: 100 } },
        },
        'test',
      );
      ws.close();

      const host = await startHostChild(dataDir);
      cleanups.push(() => host.stop());
      // The card is placed when the noise ends; the host is told of it only if it is still reading.
      const read = host.nextEvent('idcard.read', () => true, (NOISE_SECONDS + 90) * 1000);
      const sent = await noisyReader(b, NOISE_SECONDS, 'resident-standard');
      expect(sent.seconds).toBeGreaterThanOrEqual(NOISE_SECONDS);
      expect(sent.frames / sent.seconds).toBeGreaterThanOrEqual(FPS * 0.98);

      // Still alive and serving.
      expect(host.child.exitCode).toBeNull();
      expect(host.child.signalCode).toBeNull();
      expect((await host.rpc('system.info', {})).status).toBe(200);
      // The noise is in the log, summarised: before the fix it grew by ~84 KB/s.
      const log = host.stderr();
      expect(log).toMatch(/line noise: skipped \d+ stray byte/);
      expect(log.length).toBeLessThan(2000 + 400 * NOISE_SECONDS);
      expect(log).not.toMatch(/unhandled-rejection|uncaught-exception/);

      // The noise has stopped: the card on the reader is read and pushed to the clerk's screen.
      expect(await read).toMatchObject({ idNumber: '110101199003070011', idNumberValid: true });
      expect(host.child.exitCode).toBeNull();
    },
    (NOISE_SECONDS + 150) * 1000,
  );

  it('the CLI read under noise exits with its documented code and one line in Chinese', async () => {
    const { a, b } = await ptyPair();
    void noisyReader(b, 30).catch(() => undefined);
    const cli = await run([join(root, 'electron/cli.ts'), 'devices', 'idcard', 'read', '--port', a, '--timeout', '8'], 60_000);
    // A noise frame whose 1-byte checksum happens to match decodes as a SAM reply with a failure
    // status (about 1 in 256 frames that reach a decode): that is the documented SAM-error exit.
    expect([EXIT_TIMEOUT, EXIT_NO_READER, EXIT_SAM_ERROR]).toContain(cli.code);
    const lines = cli.stderr.trim().split('\n');
    // The "waiting" line, then exactly one reason: Chinese, no stack, no English error class.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/[\u4e00-\u9fff]/);
    expect(cli.stderr).not.toMatch(/\n\s+at |LinkError|Error:/);
  }, 120_000);
});
