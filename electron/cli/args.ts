import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command';

/** parseArgs with a one-line Chinese error instead of a thrown TypeError. */
export function parseCli<T extends ParseArgsConfig['options']>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`参数有误：${err instanceof Error ? err.message : String(err)}。用法：${usage}`, 2);
  }
}
