/**
 * Runs one of the idcard CLI commands in a child process, as `onewindow` will once the lead
 * wires them into electron/cli.ts: `tsx run-cli.ts devices idcard simulate --port ...`.
 */
import { commands } from '../../../electron/cli/idcard';
import { CliError } from '../../../electron/cli/command';

const argv = process.argv.slice(2);
const command = commands.find((c) => c.path.every((word, i) => argv[i] === word));
if (!command) {
  console.error(`unknown command: ${argv.join(' ')}`);
  process.exit(2);
}
try {
  process.exitCode = await command.run(argv.slice(command.path.length), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    env: process.env,
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = err instanceof CliError ? err.exitCode : 1;
}
