import { randomUUID } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { Printer, PrintJobResult, PrintOptions } from './printer';

/**
 * Training mode's printer: each job becomes a PDF in a folder, so a trainee sees exactly what
 * would have come out of the laser printer without wasting paper.
 */
export class FolderPrinter implements Printer {
  readonly kind = 'folder' as const;
  private sequence = 0;

  constructor(
    readonly name: string,
    readonly folder: string,
  ) {}

  async print(pdf: Uint8Array, opts: PrintOptions): Promise<PrintJobResult> {
    const safeTitle = opts.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'document';
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const jobId = `${stamp}-${++this.sequence}-${randomUUID().slice(0, 8)}`;
    const copies = Math.max(1, Math.min(99, opts.copies ?? 1));
    const target = join(this.folder, `${jobId}-${safeTitle}${copies > 1 ? `-x${copies}` : ''}.pdf`);
    try {
      await mkdir(this.folder, { recursive: true });
      // Written under a temporary name and renamed, so a watcher never sees half a file.
      const tmp = target + '.part';
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(pdf);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
    } catch (e) {
      throw new AppError('DEVICE', `培训打印机无法写入文件夹“${this.folder}”，请检查该文件夹是否存在且可写`, [
        { path: 'folder', message: String(e) },
      ]);
    }
    return { jobId, state: 'completed', message: `已输出到 ${target}` };
  }
}
