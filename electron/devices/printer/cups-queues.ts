import { AppError } from '../../../shared/api/errors';
import type { PrinterInfo } from './printer';
import { runTool } from './run-tool';

/**
 * Reads CUPS queue states from `lpstat` (C locale). `-p` gives enabled/disabled and the
 * reason, `-a` whether the queue accepts jobs, `-d` the default destination.
 */
export function parseLpstat(printers: string, accepting: string, defaults: string): PrinterInfo[] {
  const out: PrinterInfo[] = [];
  const lines = printers.split('\n');
  const defaultName = /system default destination: (\S+)/.exec(defaults)?.[1];
  for (let i = 0; i < lines.length; i++) {
    const m = /^printer (\S+) (?:is (idle)|now (printing)|(disabled))/.exec(lines[i]!);
    if (!m) continue;
    const name = m[1]!;
    const state = m[2] ? 'idle' : m[3] ? 'printing' : 'stopped';
    const reasonLine = lines[i + 1];
    const reason = reasonLine && /^\s/.test(reasonLine) && !/^\s*$/.test(reasonLine) ? reasonLine.trim() : undefined;
    const acc = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (not )?accepting`, 'm').exec(accepting);
    out.push({
      name,
      kind: 'cups',
      state,
      accepting: acc ? !acc[1] : false,
      isDefault: name === defaultName,
      ...(reason && reason !== '-' ? { reason } : {}),
    });
  }
  return out;
}

export async function listCupsQueues(env: NodeJS.ProcessEnv = process.env): Promise<PrinterInfo[]> {
  const p = await runTool('lpstat', ['-p'], env);
  if (p.code !== 0 && /scheduler is not running|Unable to connect/i.test(p.stderr)) {
    throw new AppError('DEVICE', '打印服务（CUPS）未运行，请重启电脑或联系信息技术人员启动打印服务');
  }
  const a = await runTool('lpstat', ['-a'], env);
  const d = await runTool('lpstat', ['-d'], env);
  return parseLpstat(p.stdout, a.stdout, d.stdout);
}
