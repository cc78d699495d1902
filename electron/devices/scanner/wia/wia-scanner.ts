import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/api/errors';
import { resourcePath } from '../../../resources';
import {
  ScanInterruptedError,
  type ScanBatch,
  type ScanControl,
  type ScannedPage,
  type Scanner,
  type ScannerDevice,
  type ScanSettings,
} from '../scanner';
import { parseWiaResult, WiaListResult, WiaOutputError, WiaScanResult, wiaMessage } from './wia-result';

export interface WiaScannerOptions {
  /** process.platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
  /** powershell.exe; tests run a recorded-output player through Node instead. */
  command?: string;
  /** Arguments before the script's own (tests: the player script). */
  commandArgs?: string[];
  /** resources/wia/wia-scan.ps1 unless told otherwise. */
  script?: string;
  /** A whole batch may take minutes on a slow feeder; past this the script is stopped. */
  timeoutMs?: number;
}

export interface WiaInventory {
  devices: ScannerDevice[];
  /** TWAIN data sources installed on the machine: the doctor names those without WIA. */
  twainSources: string[];
}

const NOT_WINDOWS = 'WIA 扫描仅在 Windows 上可用：本机请改用 SANE 或网络扫描仪（eSCL）';

/**
 * Windows scanners through WIA 2.0 without a native addon: a PowerShell script drives the COM
 * automation layer, saves each page as a file and reports the outcome as JSON, which this class
 * parses and maps to clear messages. Only a Windows machine can run it live.
 */
export class WiaScanner implements Scanner {
  readonly kind = 'wia' as const;

  constructor(private readonly options: WiaScannerOptions = {}) {}

  async list(): Promise<ScannerDevice[]> {
    return (await this.inventory()).devices;
  }

  async inventory(): Promise<WiaInventory> {
    const dir = await mkdtemp(join(tmpdir(), 'ow-wia-'));
    try {
      const resultFile = join(dir, 'result.json');
      await this.run(['-Action', 'list', '-ResultFile', resultFile], () => undefined);
      const r = await this.read((t) => parseWiaResult(WiaListResult, t), resultFile);
      if (!r.ok) throw new AppError('DEVICE', wiaMessage(r.hresult).message, [{ path: 'wia', message: `${r.hresult} ${r.message}` }]);
      return {
        devices: r.devices.map((d) => ({ name: d.id, vendor: d.manufacturer ?? '', model: d.name, type: 'WIA 扫描仪' })),
        twainSources: r.twainSources,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async scan(settings: ScanSettings, control: ScanControl = {}): Promise<ScanBatch> {
    if (control.signal?.aborted) return { pages: [], cancelled: true, feederEmpty: false };
    const feeder = !!settings.source && /feeder|adf/i.test(settings.source);
    const dir = await mkdtemp(join(tmpdir(), 'ow-wia-'));
    const pages: ScannedPage[] = [];
    let reading: Promise<void> = Promise.resolve();
    const onLine = (line: string) => {
      const file = /^PAGE (.+)$/.exec(line)?.[1]?.trim();
      if (!file) return;
      reading = reading.then(async () => {
        const page: ScannedPage = {
          index: pages.length + 1,
          format: /\.png$/i.test(file) ? 'png' : 'jpeg',
          bytes: new Uint8Array(await readFile(file)),
          dpi: settings.resolution,
        };
        pages.push(page);
        control.onPage?.(page);
      });
    };
    try {
      const resultFile = join(dir, 'result.json');
      const args = [
        '-Action',
        'scan',
        '-ResultFile',
        resultFile,
        '-OutDir',
        dir,
        '-Resolution',
        String(settings.resolution),
        '-Mode',
        settings.mode,
        '-Source',
        feeder ? (settings.duplex ? 'Duplex' : 'Feeder') : 'Flatbed',
        '-Pages',
        String(settings.pages ?? (feeder ? 0 : 1)),
        ...(settings.device ? ['-DeviceId', settings.device] : []),
      ];
      const ended = await this.run(args, onLine, control.signal);
      await reading;
      if (ended === 'cancelled') return { pages, cancelled: true, feederEmpty: false };
      const r = await this.read((t) => parseWiaResult(WiaScanResult, t), resultFile);
      if (r.ok) return { pages, cancelled: false, feederEmpty: r.feederEmpty };
      const { message, interrupting } = wiaMessage(r.hresult);
      if (pages.length > 0 && interrupting)
        throw new ScanInterruptedError(`扫描中断：${message}。已扫描的${pages.length}页已保留`, pages, `${r.hresult} ${r.message}`);
      throw new AppError('DEVICE', message, [{ path: 'wia', message: `${r.hresult} ${r.message}` }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async read<T>(parse: (text: string) => T, file: string): Promise<T> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new AppError('DEVICE', 'WIA 扫描组件没有返回结果，请重新扫描；如仍失败请联系信息技术人员检查 PowerShell 是否可用');
    }
    try {
      return parse(text);
    } catch (e) {
      throw new AppError('DEVICE', 'WIA 扫描组件返回的结果无法识别，请联系信息技术人员重新安装一窗通', [
        { path: 'wia', message: e instanceof WiaOutputError ? e.message : String(e) },
      ]);
    }
  }

  private run(args: string[], onLine: (line: string) => void, signal?: AbortSignal): Promise<'done' | 'cancelled'> {
    if ((this.options.platform ?? process.platform) !== 'win32') return Promise.reject(new AppError('DEVICE_NOT_CONFIGURED', NOT_WINDOWS));
    const script = this.options.script ?? join(resourcePath('wia'), 'wia-scan.ps1');
    const command = this.options.command ?? 'powershell.exe';
    const full = [
      ...(this.options.commandArgs ?? ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File']),
      script,
      ...args,
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(command, full, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let rest = '';
      let cancelled = false;
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split(/\r?\n/);
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      child.stderr.resume();
      const timer = setTimeout(() => child.kill(), this.options.timeoutMs ?? 15 * 60_000);
      const onAbort = () => {
        cancelled = true;
        child.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          e.code === 'ENOENT' ? new AppError('DEVICE_NOT_CONFIGURED', '本机无法运行 PowerShell，WIA 扫描不可用，请联系信息技术人员') : e,
        );
      });
      child.on('close', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (rest) onLine(rest);
        resolve(cancelled ? 'cancelled' : 'done');
      });
    });
  }
}
