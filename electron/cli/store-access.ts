import { resolveDataDir } from '../store/paths';
import { openWorkstation, type Workstation } from '../workstation';
import type { CliIo } from './command';

/**
 * Opens the workstation's store for a CLI command. No process lock: SQLite's WAL lets IT run
 * diagnostics beside a running workstation.
 */
export function openForCli(dataDirFlag: string | undefined, io: CliIo): Workstation {
  process.env.ONEWINDOW_LOG ??= 'silent';
  return openWorkstation({ dataDir: resolveDataDir(dataDirFlag, io.env), hostKind: 'browser-host', noLock: true });
}

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;
