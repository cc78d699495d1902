import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { enrolResponse } from '../../shared/protocol';

/**
 * The hall server as its own process (`node --import tsx hall/main.ts`), as an operator runs
 * it: for kill -9 tests and the bench (server memory measured on its own). Windows enrol over
 * HTTP with codes the admin issues on the admin page.
 */
const ROOT = join(import.meta.dirname, '..', '..');

export interface Child {
  proc: ChildProcess;
  output: string;
}

export async function startChild(database: string, port: number): Promise<Child> {
  // HALL_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server alone, not the bench's windows.
  const nodeArgs = process.env.HALL_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'hall/main.ts', '--database', database, '--port', String(port), '--hall-code', 'RZ'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const child = { proc, output: '' };
  proc.stdout?.on('data', (d: Buffer) => (child.output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (child.output += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!child.output.includes('Hall admin page:')) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`hall did not start: ${child.output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 300)); // the first code is printed just after the URL
  return child;
}

export async function stopChild(c: Child, signal: NodeJS.Signals): Promise<void> {
  if (c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill(signal);
  await exited;
}

/** Logs in to the admin page with the printed password and issues a code there, as an admin would. */
export async function adminIssueCode(url: string, password: string, form: Record<string, string>): Promise<string> {
  const login = await fetch(`${url}/admin/login`, { method: 'POST', body: new URLSearchParams({ password }), redirect: 'manual' });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = await (await fetch(`${url}/admin/codes`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie } })).text();
  const code = /id="enrolment-code">([A-Z0-9-]+)</.exec(page)?.[1];
  if (!code) throw new Error(`no code on the admin page: ${page.slice(0, 300)}`);
  return code;
}

export async function enrolOver(url: string, code: string): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${url}/v1/enrol`, { method: 'POST', body: JSON.stringify({ code }) });
  const c = enrolResponse.parse(await res.json());
  return { id: c.workstationId, secret: c.secret };
}
