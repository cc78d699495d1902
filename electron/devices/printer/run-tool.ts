import { execFile } from 'node:child_process';
import { AppError } from '../../../shared/api/errors';

export interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a system tool in the C locale (its output is parsed) and returns the exit code rather
 * than throwing on a non-zero one; a tool that is not installed becomes DEVICE_NOT_CONFIGURED.
 */
export function runTool(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 15_000,
): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { env: { ...env, LANG: 'C', LC_ALL: 'C' }, timeout: timeoutMs, maxBuffer: 8 << 20 },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new AppError('DEVICE_NOT_CONFIGURED', `本机未安装 ${command}，请联系信息技术人员安装打印或扫描组件`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
