import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * SANE's `test` backend as a real scanner (Debian sane-utils, libsane1). It is commented out
 * in /etc/sane.d/dll.conf, so each test gets its own SANE_CONFIG_DIR.
 */
export interface SaneTestConfig {
  env: NodeJS.ProcessEnv;
  dir: string;
  dispose(): Promise<void>;
}

export async function saneTestConfig(opts: { readDelayUs?: number; backends?: string[]; extra?: string } = {}): Promise<SaneTestConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'ow-sane-'));
  await writeFile(join(dir, 'dll.conf'), (opts.backends ?? ['test']).join('\n') + '\n');
  let conf = await readFile('/etc/sane.d/test.conf', 'utf8');
  // The stock geometry stops at 200 mm; an A4 page needs 297.
  conf = conf.replace(/^geometry_max .*/m, 'geometry_max 300.0');
  if (opts.readDelayUs) {
    conf = conf
      .replace(/^read-delay .*/m, 'read-delay true')
      .replace(/^read-delay-duration .*/m, `read-delay-duration ${opts.readDelayUs}`);
  }
  await writeFile(join(dir, 'test.conf'), conf + (opts.extra ?? ''));
  return { env: { ...process.env, SANE_CONFIG_DIR: dir }, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A network scanner: saned on loopback serving the test backend, reached through SANE's net
 * backend. Killing saned's process group models a scanner that disappears mid-batch. The net
 * backend only speaks to the standard sane-port, so this needs 127.0.0.1:6566 free.
 */
export interface NetworkScanner {
  clientEnv: NodeJS.ProcessEnv;
  device: string;
  vanish(): void;
  dispose(): Promise<void>;
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export async function startNetworkScanner(readDelayUs: number): Promise<NetworkScanner> {
  const server = await saneTestConfig({ readDelayUs });
  await writeFile(join(server.dir, 'saned.conf'), '127.0.0.1\nlocalhost\n');
  const client = await saneTestConfig({ backends: ['net'] });
  await writeFile(join(client.dir, 'net.conf'), 'connect_timeout = 3\n127.0.0.1\n');
  // detached: saned and the reader processes it forks share one process group we can end.
  const saned: ChildProcess = spawn('saned', ['-l', '-p', '6566', '-b', '127.0.0.1', '-e', '-d', '0'], {
    env: server.env,
    detached: true,
    stdio: 'ignore',
  });
  for (let i = 0; i < 50 && !(await portOpen(6566)); i++) await sleep(100);
  const kill = () => {
    if (saned.pid && saned.exitCode === null) {
      try {
        process.kill(-saned.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  return {
    clientEnv: client.env,
    device: 'net:127.0.0.1:test:0',
    vanish: kill,
    dispose: async () => {
      kill();
      await server.dispose();
      await client.dispose();
    },
  };
}
