/**
 * Structured one-line logs to stderr and, once a host names its data directory, to rotating
 * files there (log-files.ts). Callers pass ids and codes, never names or ID numbers; as a second
 * guard anything shaped like an ID number is masked before it is written anywhere.
 */
import { RotatingLogFile, logDirOf, type LogFileOptions } from './log-files';

const ID_NUMBER = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;

function scrub(text: string): string {
  return text.replace(ID_NUMBER, (_m, a: string, _b: string, c: string) => `${a}********${c}`);
}

let file: RotatingLogFile | undefined;
let clock: () => Date = () => new Date();

function write(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void {
  const toStderr = process.env.ONEWINDOW_LOG !== 'silent';
  if (!toStderr && !file) return;
  const line = scrub(JSON.stringify({ t: clock().toISOString(), level, msg, ...fields }));
  if (toStderr) process.stderr.write(line + '\n');
  if (file) {
    try {
      file.write(line);
    } catch (err) {
      // A full or vanished disk must not take the workstation down with it; say so once on stderr.
      const failed = file;
      file = undefined;
      failed.close();
      process.stderr.write(`log file no longer written: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

/**
 * Keeps every later line in `<dataDir>/logs` as well (ONEWINDOW_LOG=silent quiets stderr only).
 * `now` is the workstation's clock, so an injected clock stamps the lines `logs --since` filters.
 * Returns a detach function; attaching again replaces the earlier files.
 */
function toFiles(dataDir: string, options: Omit<LogFileOptions, 'dir'> = {}): () => void {
  file?.close();
  const attached = new RotatingLogFile({ dir: logDirOf(dataDir), ...options });
  file = attached;
  clock = options.now ?? (() => new Date());
  return () => {
    if (file !== attached) return;
    attached.close();
    file = undefined;
    clock = () => new Date();
  };
}

export const log = {
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
  scrub,
  toFiles,
};
