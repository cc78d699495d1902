import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/**
 * Real CUPS for the printer tests: starts the scheduler if it is not running (CI machines
 * have no systemd) and adds a cups-pdf queue. Needs Debian's cups and printer-driver-cups-pdf,
 * and root (lpadmin, cupsd).
 */
const run = promisify(execFile);
const C = { ...process.env, LANG: 'C', LC_ALL: 'C' };

export const PDF_QUEUE = 'OneWindowPDF';

async function schedulerRunning(): Promise<boolean> {
  try {
    const { stdout } = await run('lpstat', ['-r'], { env: C });
    return /scheduler is running/.test(stdout);
  } catch {
    return false;
  }
}

export async function ensureCups(): Promise<void> {
  if (!(await schedulerRunning())) {
    // cupsd daemonises itself; it stays up for later test files and is shared with the machine.
    await run('/usr/sbin/cupsd', []);
    for (let i = 0; i < 50 && !(await schedulerRunning()); i++) await sleep(100);
    if (!(await schedulerRunning())) throw new Error('cupsd did not start');
  }
  const { stdout } = await run('lpstat', ['-p'], { env: C }).catch(() => ({ stdout: '' }));
  if (!new RegExp(`^printer ${PDF_QUEUE} `, 'm').test(stdout)) {
    await run('lpadmin', ['-p', PDF_QUEUE, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'], { env: C });
  }
  await setQueueEnabled(PDF_QUEUE, true);
}

export async function setQueueEnabled(queue: string, enabled: boolean): Promise<void> {
  await run(enabled ? 'cupsenable' : 'cupsdisable', [queue], { env: C });
  if (enabled) await run('cupsaccept', [queue], { env: C });
}

export async function cancelAll(queue: string): Promise<void> {
  await run('cancel', ['-a', queue], { env: C }).catch(() => undefined);
}

/**
 * cups-pdf writes to `Out` of /etc/cups/cups-pdf.conf, `${HOME}/PDF` by default, for the
 * job's owner; the tests run as root, so that is root's home. The file ends in job_<N>.pdf.
 */
export function cupsPdfOutDir(): string {
  return join(userInfo().homedir, 'PDF');
}

export async function waitForCupsPdfOutput(jobId: string, timeoutMs = 20_000): Promise<string> {
  const n = /-(\d+)$/.exec(jobId)?.[1];
  if (!n) throw new Error('unexpected job id ' + jobId);
  const dir = cupsPdfOutDir();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(dir)) {
      const hit = readdirSync(dir).find((f) => f.endsWith(`job_${n}.pdf`));
      if (hit) return join(dir, hit);
    }
    await sleep(100);
  }
  throw new Error(`no cups-pdf output for job ${jobId} in ${dir}`);
}
