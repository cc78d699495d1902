import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../../shared/api/errors';
import {
  ScanInterruptedError,
  type ScanBatch,
  type ScanControl,
  type ScannedPage,
  type Scanner,
  type ScannerDevice,
  type ScanSettings,
} from '../scanner';
import { browseEscl, type BrowseOptions } from './mdns';
import {
  A4_300THS,
  EsclFormatError,
  parseCapabilities,
  parseStatus,
  scanSettingsXml,
  type EsclCapabilities,
  type EsclColorMode,
  type EsclInputCaps,
  type EsclStatus,
} from './protocol';

export interface EsclScannerOptions {
  /** A configured address (http://host[:port]/eSCL); otherwise the first scanner mDNS finds. */
  url?: string;
  /** mDNS discovery; `false` turns it off (a configured address only). */
  browse?: BrowseOptions | false;
  /** No answer for this long counts as a lost scanner (a 600 dpi colour page takes a while). */
  stallMs?: number;
  /** Pause between NextDocument polls while the device answers 503 (still scanning). */
  retryMs?: number;
}

const MODE: Record<ScanSettings['mode'], EsclColorMode> = { Color: 'RGB24', Gray: 'Grayscale8', Lineart: 'BlackAndWhite1' };
const isFeeder = (source: string | undefined) => !!source && /feeder|adf/i.test(source);

class Vanished extends Error {}

/** Where the scanner's status says the feeder stands, as a clerk's sentence. */
function adfProblem(status: EsclStatus | undefined): string | undefined {
  switch (status?.adfState) {
    case 'ScannerAdfJam':
      return '进纸器卡纸，请打开进纸器盖取出卡住的纸张';
    case 'ScannerAdfDoorOpen':
      return '进纸器盖未关好，请关好盖板';
    case 'ScannerAdfMispick':
    case 'ScannerAdfMultipickDetected':
      return '进纸器一次送入了多张或没有抓取到纸张，请整理纸张后重新放入';
    case 'ScannerAdfEmpty':
      return '进纸器中没有文件，请将文件放入进纸器';
    default:
      return undefined;
  }
}

/**
 * A network scanner through eSCL (AirScan / Mopria scan): plain HTTP and XML, so it works the
 * same on Windows and Linux with nothing installed. One job per batch; pages are fetched one by
 * one with NextDocument, so progress is real and a jam or a lost device keeps what came before.
 */
export class EsclScanner implements Scanner {
  readonly kind = 'escl' as const;
  private readonly stallMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: EsclScannerOptions = {}) {
    this.stallMs = options.stallMs ?? 60_000;
    this.retryMs = options.retryMs ?? 300;
  }

  async list(): Promise<ScannerDevice[]> {
    const urls = new Map<string, string>();
    if (this.options.url) urls.set(normalise(this.options.url), '');
    if (this.options.browse !== false)
      for (const d of await browseEscl(this.options.browse ?? {})) if (!urls.has(d.url)) urls.set(d.url, d.txt.ty ?? d.instance);
    const out: ScannerDevice[] = [];
    for (const [url, advertised] of urls) {
      try {
        const caps = await this.capabilities(url);
        const [vendor = '', ...model] = (caps.makeAndModel || advertised).split(' ');
        out.push({
          name: url,
          vendor,
          model: model.join(' '),
          type: `eSCL 网络扫描仪（${[caps.platen ? '平板' : '', caps.adf ? (caps.adf.duplex ? '双面进纸' : '进纸器') : ''].filter(Boolean).join('、')}）`,
        });
      } catch (e) {
        // A configured address that does not answer is still listed, with why.
        if (url === normalise(this.options.url ?? ''))
          out.push({ name: url, vendor: '', model: advertised, type: `无法连接：${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return out;
  }

  async capabilities(url: string): Promise<EsclCapabilities> {
    const res = await this.request(url, '/ScannerCapabilities', {});
    if (res.status !== 200)
      throw new AppError(
        'DEVICE',
        `扫描仪“${url}”拒绝了能力查询（HTTP ${res.status}），请确认地址正确且设备已开启网络扫描（eSCL/AirScan）`,
      );
    const body = await res.text();
    try {
      return parseCapabilities(body);
    } catch (e) {
      throw new AppError('DEVICE', `扫描仪“${url}”返回的能力描述无法识别，请升级扫描仪固件，或改用 SANE/WIA 驱动`, [
        { path: 'ScannerCapabilities', message: e instanceof Error ? e.message : String(e) },
      ]);
    }
  }

  async status(url: string): Promise<EsclStatus | undefined> {
    try {
      const res = await this.request(url, '/ScannerStatus', {});
      return res.status === 200 ? parseStatus(await res.text()) : undefined;
    } catch {
      return undefined;
    }
  }

  async scan(settings: ScanSettings, control: ScanControl = {}): Promise<ScanBatch> {
    const url = settings.device ? normalise(settings.device) : await this.pick();
    if (control.signal?.aborted) return { pages: [], cancelled: true, feederEmpty: false };
    const caps = await this.capabilities(url).catch((e: unknown) => {
      if (e instanceof AppError) throw e;
      throw new AppError('DEVICE', `无法连接扫描仪“${url}”，请检查扫描仪电源和网线，确认地址正确后重试`);
    });
    const feeder = isFeeder(settings.source);
    const duplex = feeder && !!settings.duplex;
    const input: EsclInputCaps | undefined = feeder ? caps.adf : caps.platen;
    if (!input)
      throw new AppError('VALIDATION', feeder ? '这台扫描仪没有自动进纸器，请改用平板扫描' : '这台扫描仪没有平板，请改用自动进纸');
    if (duplex && !caps.adf?.duplex) throw new AppError('VALIDATION', '这台扫描仪不支持双面扫描，请改用单面进纸');
    const colorMode = MODE[settings.mode];
    if (input.colorModes.length > 0 && !input.colorModes.includes(colorMode))
      throw new AppError('VALIDATION', '扫描仪不支持所选的颜色模式，请更换颜色模式后重新扫描');
    const resolution = nearest(input.resolutions, settings.resolution);
    const format = ['image/jpeg', 'image/png'].find((f) => input.formats.length === 0 || input.formats.includes(f));
    if (!format) throw new AppError('DEVICE', '扫描仪只能输出本程序无法读取的格式（需要 JPEG 或 PNG），请改用 SANE/WIA 驱动');
    const area = settings.areaMm
      ? { width: (settings.areaMm.width / 25.4) * 300, height: (settings.areaMm.height / 25.4) * 300 }
      : A4_300THS;
    const wanted = settings.pages ?? (feeder ? Infinity : 1);

    const post = await this.request(url, '/ScanJobs', {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: scanSettingsXml(
        {
          source: feeder ? 'Feeder' : 'Platen',
          duplex,
          colorMode,
          resolution,
          format,
          width: Math.min(area.width, input.maxWidth || area.width),
          height: Math.min(area.height, input.maxHeight || area.height),
        },
        caps.version || '2.0',
      ),
    }).catch(() => {
      throw new AppError('DEVICE', `无法连接扫描仪“${url}”，请检查扫描仪电源和网线后重试`);
    });
    if (post.status === 503) throw new AppError('DEVICE', '扫描仪正忙（可能正在复印或为其他电脑扫描），请稍候再扫描');
    if (post.status !== 201) {
      const why = adfProblem(await this.status(url));
      if (why === '进纸器中没有文件，请将文件放入进纸器') throw new AppError('DEVICE', '进纸器中没有文件，请将文件放入进纸器后重新扫描');
      throw new AppError(
        'DEVICE',
        why ? `扫描仪无法开始扫描：${why}，然后重新扫描` : `扫描仪拒绝了扫描任务（HTTP ${post.status}），请检查所选的来源、分辨率后重试`,
      );
    }
    const location = post.headers.get('location');
    if (!location) throw new AppError('DEVICE', '扫描仪没有返回扫描任务地址，请重启扫描仪后重试');
    const jobUrl = new URL(location, url + '/').href.replace(/\/$/, '');

    const pages: ScannedPage[] = [];
    const cancel = async () => {
      await fetch(jobUrl, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      return { pages, cancelled: true, feederEmpty: false };
    };
    try {
      while (pages.length < wanted) {
        if (control.signal?.aborted) return await cancel();
        let res: Response;
        try {
          res = await this.fetchWithin(`${jobUrl}/NextDocument`, {}, control.signal);
        } catch (e) {
          if (control.signal?.aborted) return await cancel();
          throw new Vanished(String(e));
        }
        if (res.status === 200) {
          const bytes = new Uint8Array(
            await res.arrayBuffer().catch((e: unknown) => {
              throw new Vanished(String(e));
            }),
          );
          const type = res.headers.get('content-type') ?? format;
          const page: ScannedPage = { index: pages.length + 1, format: /png/i.test(type) ? 'png' : 'jpeg', bytes, dpi: resolution };
          pages.push(page);
          control.onPage?.(page);
          continue;
        }
        if (res.status === 404) {
          // The job has no more images: the feeder ran empty (or the flatbed page was the one).
          if (pages.length === 0) {
            const why = adfProblem(await this.status(url));
            throw new AppError('DEVICE', `扫描仪没有送出任何页面${why ? `：${why}` : ''}，请检查文件是否放好后重新扫描`);
          }
          return { pages, cancelled: false, feederEmpty: feeder };
        }
        if (res.status === 503) {
          await sleep(this.retryMs);
          continue;
        }
        const status = await this.status(url);
        const why = adfProblem(status) ?? `扫描仪报告错误（HTTP ${res.status}${status ? `，状态 ${status.state}` : ''}）`;
        throw new ScanInterruptedError(
          `扫描中断：${why}。已扫描的${pages.length}页已保留；处理后点击“继续扫描剩余页”`,
          pages,
          `NextDocument HTTP ${res.status}, adf ${status?.adfState ?? '?'}`,
        );
      }
      // Enough pages: stop the feeder rather than let it pull the rest.
      if (feeder) await fetch(jobUrl, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      return { pages, cancelled: false, feederEmpty: false };
    } catch (e) {
      if (e instanceof Vanished) {
        throw new ScanInterruptedError(
          `扫描仪“${url}”无响应，可能已断开网络或关机。已扫描的${pages.length}页已保留；请检查扫描仪电源和网线后继续扫描剩余页`,
          pages,
          e.message,
        );
      }
      throw e;
    }
  }

  private async pick(): Promise<string> {
    if (this.options.url) return normalise(this.options.url);
    const found = this.options.browse === false ? [] : await browseEscl(this.options.browse ?? {});
    if (!found[0])
      throw new AppError(
        'DEVICE',
        '局域网内未发现网络扫描仪（eSCL），请确认扫描仪已开机并与本机在同一网段，或在工作站设置中填写扫描仪地址',
      );
    return found[0].url;
  }

  private request(base: string, path: string, init: RequestInit): Promise<Response> {
    return this.fetchWithin(base + path, init);
  }

  private fetchWithin(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.stallMs);
    return fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  }
}

function normalise(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function nearest(options: number[], wanted: number): number {
  if (options.length === 0) return wanted;
  return options.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best), options[0]!);
}

export { EsclFormatError };
