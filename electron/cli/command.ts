/** One `onewindow` sub-command. The dispatcher in electron/cli.ts routes argv to it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Words that select the command, e.g. ['devices', 'idcard', 'read']. */
  path: readonly string[];
  /** One line for `onewindow help`. */
  summary: string;
  usage: string;
  /** Returns the exit code. Throw CliError for a one-line failure reason. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A failure the CLI prints as one line (no stack trace) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
