/**
 * UI input latency while the core works hard: how long the front takes to answer the screen
 * (a static asset, as a window's input and page loads need the front's event loop) and how long
 * an rpc round trip to the core takes, sampled every 25 ms while the core assembles a 20-page
 * PDF from camera pages and exports a year of statistics over 10,000 cases, again and again.
 * Printed twice: "before" with the core inside the front's process (bench/in-process-host.ts)
 * and "after" with the core in its own process (electron/browser-host-main.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32, deflateSync } from 'node:zlib';
import { seedAcceptedApplications } from './accept-input';

const root = new URL('..', import.meta.url).pathname;
const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-1' };
const PAGES = 20;
const SEEDED_APPLICATIONS = 2000;
const SAMPLE_EVERY_MS = 25;
const LOAD_ROUNDS = 2;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function figures(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms (${s.length} samples)`;
}

/** A grey A4 page at 100 dpi with text-like bands and sensor noise, as a PNG (pdf-lib decodes and re-encodes it). */
function cameraPage(seed: number): string {
  const width = 827;
  const height = 1169;
  const raw = Buffer.alloc((width + 1) * height);
  let x = seed * 2654435761;
  for (let y = 0; y < height; y++) {
    const row = y * (width + 1);
    const band = Math.floor(y / 24) % 3 !== 0 && y % 24 < 14;
    for (let i = 0; i < width; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const ink = band && (i >> 4) % 5 !== 0 && ((i + y) & 7) < 5;
      raw[row + 1 + i] = (ink ? 40 : 235) + ((x >>> 24) & 7);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}

function seed(dataDir: string): void {
  seedAcceptedApplications(dataDir, SEEDED_APPLICATIONS, new Date('2026-06-15T09:00:00+08:00'));
}

interface RunningHost {
  child: ChildProcess;
  url: string;
  token: string;
}

async function startHost(args: string[], dataDir: string, staticDir: string): Promise<RunningHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ONEWINDOW_LOG: 'silent', ONEWINDOW_STATIC_DIR: staticDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(?:ready|open the workstation:) (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(`${m[1]}/`);
    });
  });
  return { child, url, token: readFileSync(join(dataDir, 'browser-host.token'), 'utf8') };
}

/**
 * One request on a connection of its own: a kept-alive socket the server closed while its event
 * loop was blocked would otherwise fail the sample (ECONNRESET) instead of timing it.
 */
function send(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function measure(label: string, host: RunningHost, print: (l: string) => void): Promise<void> {
  const auth = { Authorization: `Bearer ${host.token}` };
  const rpc = async (method: string, input: unknown) => {
    const text = await send(`${host.url}rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify(input),
    });
    const body = JSON.parse(text) as { ok: boolean; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  };
  await rpc('session.setupAdmin', ADMIN);
  await rpc('session.login', { username: ADMIN.username, password: ADMIN.password });
  const pages = Array.from({ length: PAGES }, (_, i) => ({ dataBase64: cameraPage(i + 1), mime: 'image/png' as const }));

  const front: number[] = [];
  const core: number[] = [];
  let loading = true;
  // Two samplers, each on its own: a slow core must not stop the front's samples.
  const sample = async (into: number[], probe: () => Promise<unknown>) => {
    while (loading) {
      const t0 = performance.now();
      await probe();
      into.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, SAMPLE_EVERY_MS));
    }
  };
  const samplers = Promise.all([
    sample(front, () => send(host.url, { method: 'GET', headers: auth })),
    sample(core, () => rpc('session.state', {})),
  ]);
  const work: number[] = [];
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    const t0 = performance.now();
    await rpc('capture.assemble', { pages, materialName: '基准材料' });
    await rpc('stats.export', { from: '2026-01-01', to: '2026-12-31', groupBy: 'department' });
    work.push(performance.now() - t0);
  }
  loading = false;
  await samplers;
  print(`${label}: 20-page PDF + statistics export, ${figures(work)}`);
  print(`${label}:   front answers the screen (static asset) during it: ${figures(front)}`);
  print(`${label}:   rpc round trip to the core (session.state) during it: ${figures(core)}`);
}

async function stop(host: RunningHost): Promise<void> {
  const exited = new Promise<void>((r) => host.child.once('exit', () => r()));
  host.child.kill('SIGTERM');
  await exited;
}

export async function run(print: (line: string) => void): Promise<void> {
  process.env.ONEWINDOW_LOG = 'silent';
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-ui-'));
  try {
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>一窗通</title>');
    const template = join(dir, 'seeded');
    seed(template);
    print(`seeded ${SEEDED_APPLICATIONS * 2} cases; sampling every ${SAMPLE_EVERY_MS} ms during ${LOAD_ROUNDS} rounds of work`);

    const before = join(dir, 'before');
    cpSync(template, before, { recursive: true });
    const inProcess = await startHost(
      [join(root, 'bench/in-process-host.ts'), '--data-dir', before, '--static-dir', staticDir],
      before,
      staticDir,
    );
    try {
      await measure('before (core in the front process)', inProcess, print);
    } finally {
      await stop(inProcess);
    }

    const after = join(dir, 'after');
    cpSync(template, after, { recursive: true });
    const split = await startHost(
      [join(root, 'electron/browser-host-main.ts'), '--data-dir', after, '--no-open', '--port', '0'],
      after,
      staticDir,
    );
    try {
      await measure('after (core in its own process)', split, print);
    } finally {
      await stop(split);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
