import { AppError } from '../shared/api/errors';
import { CliError, type CliCommand, type CliIo } from './cli/command';
import { commands as calendar } from './cli/calendar';
import { commands as catalog } from './cli/catalog';
import { createDocumentCommands } from './cli/documents';
import { loadCaseDataFromStore } from './documents/cli-case-data';
import { commands as foundation } from './cli/foundation';
import { commands as idcard } from './cli/idcard';
import { commands as logs } from './cli/logs';
import { commands as printer } from './cli/printer';
import { commands as scanner } from './cli/scanner';
import { commands as signing } from './cli/signing';
import { commands as sync } from './cli/sync';
import { provisionWithCode } from './hall/cli-provision';

const documents = createDocumentCommands({ loadCaseData: loadCaseDataFromStore });

/** Every `onewindow` command; each area contributes its own list. */
export const allCommands: CliCommand[] = [
  ...foundation,
  ...calendar,
  ...catalog,
  ...idcard,
  ...printer,
  ...scanner,
  ...documents,
  ...signing,
  ...sync,
  ...logs,
  provisionWithCode,
];

function help(io: CliIo): void {
  io.out('onewindow — 一窗通工作站命令行（信息技术人员使用）');
  io.out('');
  for (const c of allCommands) io.out(`  ${c.path.join(' ').padEnd(28)} ${c.summary}`);
  io.out('');
  io.out('每个命令加 --help 查看用法。退出码：0 成功，非0 失败（并打印一行原因）。');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    help(io);
    return 0;
  }
  // Longest matching command path wins (`devices idcard read` before `devices`).
  const match = [...allCommands].sort((a, b) => b.path.length - a.path.length).find((c) => c.path.every((w, i) => argv[i] === w));
  if (!match) {
    io.err(`未知命令：${argv.join(' ')}。运行 onewindow help 查看全部命令。`);
    return 2;
  }
  const rest = argv.slice(match.path.length);
  if (rest.includes('--help')) {
    io.out(`${match.summary}\n用法：${match.usage}`);
    return 0;
  }
  try {
    return await match.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    if (err instanceof AppError) {
      io.err(err.message);
      return 1;
    }
    io.err(`失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const isEntry = process.argv[1] && /cli\.(ts|cjs|js)$/.test(process.argv[1]);
if (isEntry) {
  // Last resort for an error no command caught: one line, no stack, a non-zero exit (help text).
  const lastResort = (err: unknown): void => {
    process.stderr.write(
      `失败：${err instanceof AppError ? err.message : '内部错误，请重试；仍不行请运行 onewindow doctor 或联系信息科'}\n`,
    );
    process.exit(1);
  };
  process.on('unhandledRejection', lastResort);
  process.on('uncaughtException', lastResort);
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`失败：${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
