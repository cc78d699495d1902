import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { CupsPrinter, listCupsQueues } from '../devices/printer';
import { CliError, type CliCommand } from './command';

async function deviceCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message, 1);
    throw e;
  }
}

export const commands: CliCommand[] = [
  {
    path: ['devices', 'printer', 'list'],
    summary: '列出 CUPS 打印队列及其状态',
    usage: 'onewindow devices printer list',
    async run(_args, io) {
      const queues = await deviceCall(() => listCupsQueues(io.env));
      if (queues.length === 0) io.out('no printers');
      for (const q of queues) {
        io.out(
          `${q.name}\t${q.state}\t${q.accepting ? 'accepting' : 'not-accepting'}${q.isDefault ? '\tdefault' : ''}${q.reason ? '\t' + q.reason : ''}`,
        );
      }
      return 0;
    },
  },
  {
    path: ['devices', 'printer', 'print'],
    summary: '把 PDF 发送到 CUPS 打印队列并等待完成',
    usage: 'onewindow devices printer print <file.pdf> --printer <name> [--copies n] [--title t] [--wait seconds]',
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { printer: { type: 'string' }, copies: { type: 'string' }, title: { type: 'string' }, wait: { type: 'string' } },
      });
      const file = positionals[0];
      if (!file || !values.printer) throw new CliError('usage: onewindow devices printer print <file.pdf> --printer <name>', 2);
      const copies = values.copies ? Number(values.copies) : 1;
      if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new CliError('--copies must be 1..99', 2);
      const pdf = new Uint8Array(
        await readFile(file).catch(() => {
          throw new CliError(`cannot read ${file}`, 2);
        }),
      );
      const printer = new CupsPrinter(values.printer, { env: io.env, waitMs: Number(values.wait ?? 30) * 1000 });
      const result = await deviceCall(() => printer.print(pdf, { title: values.title ?? basename(file), copies }));
      io.out(`${result.jobId}\t${result.state}\t${result.message}`);
      return result.state === 'failed' ? 1 : 0;
    },
  },
];
