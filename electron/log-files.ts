/**
 * Log files that stay: one file per Shanghai day in `<data dir>/logs`, a numbered sibling when a
 * day outgrows `maxBytes`, and the oldest files deleted beyond `maxFiles`. A packaged Windows
 * workstation has no terminal, so these files are what IT reads (`onewindow logs --since 1h`).
 *
 * Lines are appended with a synchronous write to a kept-open descriptor: a log line written
 * just before a crash is on disk, and log volume here is a few lines a minute, not a stream.
 * Names sort by day then number: onewindow-2026-12-01.log, onewindow-2026-12-01.1.log, …
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { shanghaiDate } from '../shared/domain/time';

export const LOG_DIR_NAME = 'logs';
const FILE_NAME = /^onewindow-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;

export function logDirOf(dataDir: string): string {
  return join(dataDir, LOG_DIR_NAME);
}

export interface LogFileOptions {
  dir: string;
  now?: () => Date;
  /** A day's file is continued in a numbered sibling once it would exceed this size. */
  maxBytes?: number;
  /** Files kept in all; the oldest go first. 60 files of 5 MB bound the logs at 300 MB. */
  maxFiles?: number;
}

interface LogFileName {
  name: string;
  day: string;
  part: number;
}

/** The log files in `dir`, oldest first. */
export function listLogFiles(dir: string): LogFileName[] {
  if (!existsSync(dir)) return [];
  const files: LogFileName[] = [];
  for (const name of readdirSync(dir)) {
    const m = FILE_NAME.exec(name);
    if (m) files.push({ name, day: m[1]!, part: m[2] ? Number(m[2]) : 0 });
  }
  return files.sort((a, b) => (a.day === b.day ? a.part - b.part : a.day < b.day ? -1 : 1));
}

function fileName(day: string, part: number): string {
  return part === 0 ? `onewindow-${day}.log` : `onewindow-${day}.${part}.log`;
}

export class RotatingLogFile {
  private readonly now: () => Date;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private fd: number | undefined;
  private day = '';
  private part = 0;
  private size = 0;

  constructor(private readonly opts: LogFileOptions) {
    this.now = opts.now ?? (() => new Date());
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.maxFiles = opts.maxFiles ?? 60;
    mkdirSync(opts.dir, { recursive: true });
  }

  get dir(): string {
    return this.opts.dir;
  }

  /** The file the next line goes to (for `onewindow doctor` and the log line that names it). */
  get currentFile(): string {
    return join(this.opts.dir, fileName(this.day || shanghaiDate(this.now()), this.part));
  }

  /** Appends one line (a newline is added). */
  write(line: string): void {
    const bytes = Buffer.from(line + '\n', 'utf8');
    const day = shanghaiDate(this.now());
    if (this.fd === undefined || day !== this.day) this.openDay(day);
    else if (this.size > 0 && this.size + bytes.byteLength > this.maxBytes) this.openPart(this.part + 1);
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(this.fd!, bytes, done, bytes.byteLength - done);
    this.size += bytes.byteLength;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Continues a day where an earlier run left it: its last part, if that still has room. */
  private openDay(day: string): void {
    this.day = day;
    const parts = listLogFiles(this.opts.dir).filter((f) => f.day === day);
    const last = parts.at(-1);
    const lastSize = last ? statSync(join(this.opts.dir, last.name)).size : 0;
    this.openPart(last ? (lastSize < this.maxBytes ? last.part : last.part + 1) : 0);
  }

  private openPart(part: number): void {
    this.close();
    this.part = part;
    const file = join(this.opts.dir, fileName(this.day, part));
    this.fd = openSync(file, 'a');
    this.size = statSync(file).size;
    this.prune();
  }

  private prune(): void {
    const files = listLogFiles(this.opts.dir);
    const current = fileName(this.day, this.part);
    for (const f of files.slice(0, Math.max(0, files.length - this.maxFiles))) {
      if (f.name !== current) rmSync(join(this.opts.dir, f.name), { force: true });
    }
  }
}

/**
 * Every logged line at or after `since`, oldest first. A line is read by its own timestamp; a line
 * without one (cut by a crash mid-write) is kept when its file's day is in range, so nothing that
 * was written is hidden.
 */
export function readLogLines(dir: string, since: Date): string[] {
  const sinceDay = shanghaiDate(since);
  const out: string[] = [];
  for (const f of listLogFiles(dir)) {
    if (f.day < sinceDay) continue;
    const text = readFileSync(join(dir, f.name), 'utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const t = timestampOf(line);
      if (t === undefined || t >= since.getTime()) out.push(line);
    }
  }
  return out;
}

function timestampOf(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const t = (parsed as { t?: unknown }).t;
    const ms = typeof t === 'string' ? Date.parse(t) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}
