import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';

/**
 * One workstation process per data directory: two processes writing one journal would fork
 * the hash chain. The lock file holds the owner's PID; a lock whose process is gone is stale.
 */
const held = new Set<DataDirLock>();
let exitHook = false;

export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    const file = join(dataDir, 'onewindow.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        const lock = new DataDirLock(file);
        held.add(lock);
        // One exit hook for every lock this process holds (tests open many workstations).
        if (!exitHook) {
          exitHook = true;
          process.once('exit', () => held.forEach((l) => l.release()));
        }
        return lock;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = Number(readFileSync(file, 'utf8').trim());
        if (pid && pid !== process.pid && isAlive(pid)) {
          throw new AppError('CONFLICT', `一窗通已在运行（进程 ${pid}，数据目录 ${dataDir}）：请切换到已打开的窗口，不要重复启动。`);
        }
        unlinkSync(file);
      }
    }
    throw new AppError('CONFLICT', `无法锁定数据目录 ${dataDir}，请检查目录权限`);
  }

  release(): void {
    held.delete(this);
    try {
      if (readFileSync(this.file, 'utf8').trim() === String(process.pid)) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
