import { existsSync } from 'node:fs';
import { parseClockInstant } from '../clock';
import { listLogFiles, logDirOf, readLogLines } from '../log-files';
import { resolveDataDir } from '../store/paths';
import { parseCli } from './args';
import { CliError, type CliCommand } from './command';
import { DATA_DIR_OPTION } from './store-access';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `1h`, `2d`, or an instant with its offset (2026-12-01T08:00:00+08:00). */
export function parseSince(text: string, now: Date): Date {
  const m = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2]!]!);
  try {
    return parseClockInstant(text);
  } catch {
    throw new CliError(`--since “${text}” 无法识别：请写成 30m、1h、2d，或带时区的时间如 2026-12-01T08:00:00+08:00`, 2);
  }
}

/** The CLI's now: the injected clock (ONEWINDOW_CLOCK) when the workstation runs on one. */
function cliNow(env: NodeJS.ProcessEnv): Date {
  return env.ONEWINDOW_CLOCK ? parseClockInstant(env.ONEWINDOW_CLOCK) : new Date();
}

const logs: CliCommand = {
  path: ['logs'],
  summary: '显示工作站日志（默认最近1小时）',
  usage: 'onewindow logs [--since 1h|30m|2d|<带时区的时间>] [--data-dir <dir>]',
  async run(args, io) {
    const { values } = parseCli(args, { ...DATA_DIR_OPTION, since: { type: 'string' } }, this.usage);
    const dir = logDirOf(resolveDataDir(values['data-dir'], io.env));
    if (!existsSync(dir) || listLogFiles(dir).length === 0) {
      io.err(`日志目录 ${dir} 中还没有日志：工作站启动后才会写入。请确认 --data-dir 指向工作站的数据目录。`);
      return 1;
    }
    const since = parseSince(values.since ?? '1h', cliNow(io.env));
    const lines = readLogLines(dir, since);
    for (const line of lines) io.out(line);
    io.err(`（${dir}：自 ${since.toISOString()} 起 ${lines.length} 行）`);
    return 0;
  },
};

export const commands: CliCommand[] = [logs];
