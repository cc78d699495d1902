import { commands } from '../../../electron/cli/signing';

/** Runs one of the signing commands in-process, capturing what it prints. */
export async function runSigningCli(
  path: string[],
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const cmd = commands.find((c) => c.path.join(' ') === path.join(' '));
  if (!cmd) throw new Error(`no command ${path.join(' ')}`);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await cmd.run(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
    return { code, out, err };
  } catch (e) {
    const code = typeof (e as { exitCode?: unknown }).exitCode === 'number' ? (e as { exitCode: number }).exitCode : 99;
    err.push(e instanceof Error ? e.message : String(e));
    return { code, out, err };
  }
}
