import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { listSaneDevices } from './sane-devices';
import {
  A4_MM,
  ScanInterruptedError,
  type ScanBatch,
  type ScanControl,
  type ScannedPage,
  type Scanner,
  type ScannerDevice,
  type ScanSettings,
} from './scanner';

export interface SaneScannerOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * A scanner that vanishes (USB unplugged, network scanner gone) often leaves scanimage
   * waiting forever rather than failing; no data for this long counts as a lost scanner.
   */
  stallMs?: number;
}

const isFeeder = (source: string | undefined) => !!source && /feeder|adf/i.test(source);

/**
 * Scans through SANE's `scanimage`: one process per batch, pages written by scanimage itself
 * as JPEG (grey JPEG keeps text pages small) and announced on stdout by `--batch-print` once
 * complete, so a page is never read half-written.
 */
export class SaneScanner implements Scanner {
  readonly kind = 'sane' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly stallMs: number;

  constructor(options: SaneScannerOptions = {}) {
    this.env = options.env ?? process.env;
    this.stallMs = options.stallMs ?? 60_000;
  }

  list(): Promise<ScannerDevice[]> {
    return listSaneDevices(this.env);
  }

  async scan(settings: ScanSettings, control: ScanControl = {}): Promise<ScanBatch> {
    const device = settings.device ?? (await this.list())[0]?.name;
    if (!device) throw new AppError('DEVICE', '未找到扫描仪，请检查扫描仪电源和USB连接线，然后点击“刷新设备”');
    if (control.signal?.aborted) return { pages: [], cancelled: true, feederEmpty: false };
    const format = settings.mode === 'Lineart' ? 'png' : 'jpeg';
    const area = settings.areaMm ?? A4_MM;
    const count = settings.pages ?? (isFeeder(settings.source) ? undefined : 1);
    const dir = await mkdtemp(join(tmpdir(), 'ow-scan-'));
    const args = [
      '-d',
      device,
      `--format=${format}`,
      '--resolution',
      String(settings.resolution),
      '--mode',
      settings.mode,
      ...(settings.source ? ['--source', settings.source] : []),
      '-x',
      String(area.width),
      '-y',
      String(area.height),
      `--batch=${join(dir, `page-%04d.${format === 'jpeg' ? 'jpg' : 'png'}`)}`,
      '--batch-print',
      ...(count ? [`--batch-count=${count}`] : []),
    ];
    try {
      return await this.run(args, dir, device, format, settings.resolution, count, control);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private run(
    args: string[],
    dir: string,
    device: string,
    format: 'jpeg' | 'png',
    dpi: number,
    count: number | undefined,
    control: ScanControl,
  ): Promise<ScanBatch> {
    return new Promise((resolve, reject) => {
      const child = spawn('scanimage', args, { env: { ...this.env, LANG: 'C', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const pages: ScannedPage[] = [];
      let stderr = '';
      let stdoutRest = '';
      let reading: Promise<void> = Promise.resolve();
      let cancelled = false;
      let stalled = false;
      let lastActivity = Date.now();
      let lastPartSize = -1;
      const failed: unknown[] = [];

      const onPageFile = (file: string) => {
        reading = reading.then(async () => {
          try {
            const bytes = new Uint8Array(await readFile(file));
            const page: ScannedPage = { index: pages.length + 1, format, bytes, dpi };
            pages.push(page);
            control.onPage?.(page);
          } catch (e) {
            failed.push(e);
          }
        });
      };
      child.stdout.on('data', (chunk: Buffer) => {
        lastActivity = Date.now();
        const lines = (stdoutRest + chunk.toString()).split('\n');
        stdoutRest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onPageFile(line.trim());
      });
      child.stderr.on('data', (chunk: Buffer) => {
        lastActivity = Date.now();
        stderr = (stderr + chunk.toString()).slice(-4000);
      });

      const watchdog = setInterval(() => {
        void (async () => {
          // A page in progress grows its .part file; that counts as life.
          const part = (await readdir(dir).catch(() => [])).find((f) => f.endsWith('.part'));
          const size = part
            ? await stat(join(dir, part)).then(
                (s) => s.size,
                () => -1,
              )
            : -1;
          if (size !== lastPartSize) {
            lastPartSize = size;
            lastActivity = Date.now();
          }
          if (Date.now() - lastActivity > this.stallMs && !stalled && !cancelled) {
            stalled = true;
            child.kill('SIGKILL');
          }
        })();
      }, 250);

      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        cancelled = true;
        // SIGINT lets scanimage call sane_cancel and return the scanner to idle.
        child.kill('SIGINT');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
      };
      control.signal?.addEventListener('abort', onAbort, { once: true });

      child.on('error', (e: NodeJS.ErrnoException) => {
        clearInterval(watchdog);
        reject(
          e.code === 'ENOENT' ? new AppError('DEVICE_NOT_CONFIGURED', '本机未安装扫描组件（SANE scanimage），请联系信息技术人员安装') : e,
        );
      });
      child.on('close', (code) => {
        clearInterval(watchdog);
        if (killTimer) clearTimeout(killTimer);
        control.signal?.removeEventListener('abort', onAbort);
        if (stdoutRest.trim()) onPageFile(stdoutRest.trim());
        void reading.then(() => {
          if (failed.length > 0) {
            reject(
              new ScanInterruptedError(
                `读取第${pages.length + 1}页扫描结果失败，已扫描的${pages.length}页已保留，请重新扫描剩余页`,
                pages,
                String(failed[0]),
              ),
            );
            return;
          }
          const reason =
            stderr
              .trim()
              .split('\n')
              .filter((l) => !/^(Scanning|Scanned|Batch)/.test(l))
              .pop() ?? `exit ${code}`;
          if (cancelled) return resolve({ pages, cancelled: true, feederEmpty: false });
          if (stalled) {
            return reject(
              new ScanInterruptedError(
                `扫描仪“${device}”无响应，可能已断开连接。已扫描的${pages.length}页已保留；请检查扫描仪电源和连接线后继续扫描剩余页`,
                pages,
                'no data for ' + this.stallMs + ' ms',
              ),
            );
          }
          const feederEmpty = /out of documents|no documents/i.test(stderr);
          // scanimage ends a batch with status 0 after some start-of-page failures: a short
          // batch is only normal when the feeder ran empty.
          const short = count !== undefined && pages.length < count;
          if (code === 0 && (!short || feederEmpty)) return resolve({ pages, cancelled: false, feederEmpty });
          if (feederEmpty) {
            if (pages.length === 0) return reject(new AppError('DEVICE', '进纸器中没有文件，请将文件放入进纸器后重新扫描'));
            return resolve({ pages, cancelled: false, feederEmpty: true });
          }
          if (/open of device .* failed/i.test(stderr)) {
            return reject(
              new AppError('DEVICE', `无法打开扫描仪“${device}”，请检查扫描仪是否已连接并开机，或是否被其他程序占用`, [
                { path: 'scanner', message: reason },
              ]),
            );
          }
          if (/setting of option|must be one of|is not a valid/i.test(stderr) && pages.length === 0) {
            return reject(
              new AppError('VALIDATION', `扫描仪“${device}”不支持所选的分辨率、颜色模式或纸张来源，请更换设置后重新扫描`, [
                { path: 'settings', message: reason },
              ]),
            );
          }
          reject(
            new ScanInterruptedError(
              `扫描仪“${device}”在扫描过程中出错（${reason}）。已扫描的${pages.length}页已保留；请检查卡纸、盖板和连接线后继续扫描剩余页`,
              pages,
              reason,
            ),
          );
        });
      });
    });
  }
}
