import { spawnSync } from 'node:child_process';
import type { FoundDevice, DeviceTestResult } from '../../shared/api/devices';
import { AppError } from '../../shared/api/errors';
import { cupsQueueUri, describeReasons, IppPrinter, listCupsQueues, type ElectronPrintBridge } from './printer';
import { EsclScanner, listSaneDevices } from './scanner';
import type { BrowseOptions } from './scanner/escl/mdns';
import { WiaScanner } from './scanner/wia/wia-scanner';

export interface InventoryContext {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** eSCL addresses IT configured (the current setting) besides what mDNS finds. */
  esclAddresses?: string[];
  esclBrowse?: BrowseOptions | false;
  /** An IPP printer address IT configured. */
  ippAddresses?: string[];
  electronBridge?: ElectronPrintBridge;
  wia?: WiaScanner;
}

/**
 * Extra eSCL scanner addresses from ONEWINDOW_ESCL_ADDRESSES (comma separated): scanners on
 * another subnet, where mDNS does not reach, and the training simulator. ONEWINDOW_IPP_ADDRESSES
 * does the same for IPP printers.
 */
export function esclAddressesFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.ONEWINDOW_ESCL_ADDRESSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^https?:\/\//.test(s));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function hasCommand(cmd: string, platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return false;
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Every scanner and printer each driver can find on the OS at hand, one entry each with what
 * to do: eSCL everywhere, SANE and CUPS where installed (Linux), WIA on Windows (naming
 * TWAIN-only scanners, which are not supported), IPP printers IT named, Electron's printers in
 * the desktop app. A driver that fails becomes one entry saying why, never an exception.
 */
export async function deviceInventory(ctx: InventoryContext = {}): Promise<FoundDevice[]> {
  const platform = ctx.platform ?? process.platform;
  const env = ctx.env ?? process.env;
  const out: FoundDevice[] = [];
  const tasks: Promise<void>[] = [];

  const escl = new EsclScanner({ browse: ctx.esclBrowse ?? {}, stallMs: 5000 });
  tasks.push(
    (async () => {
      const probe = [...new Set([...(ctx.esclAddresses ?? []), ...esclAddressesFromEnv(env)])];
      const found = new Map<string, FoundDevice>();
      for (const url of probe) {
        const d = await new EsclScanner({ url, browse: false, stallMs: 5000 }).list();
        for (const x of d)
          found.set(
            x.name,
            entry(
              'scanner',
              'escl',
              x.name,
              `${x.vendor} ${x.model}`.trim() || x.name,
              x.type.startsWith('无法连接') ? 'error' : 'ready',
              x.type.startsWith('无法连接') ? `${x.type}；请检查扫描仪电源和网线` : x.type,
            ),
          );
      }
      if (ctx.esclBrowse !== false) {
        for (const x of await escl.list().catch(() => []))
          if (!found.has(x.name)) found.set(x.name, entry('scanner', 'escl', x.name, `${x.vendor} ${x.model}`.trim(), 'ready', x.type));
      }
      out.push(...found.values());
    })(),
  );

  if (platform !== 'win32') {
    tasks.push(
      (async () => {
        if (!hasCommand('scanimage', platform)) {
          out.push(
            entry(
              'scanner',
              'sane',
              'sane',
              'SANE',
              'error',
              '未安装 SANE（sane-utils），USB 扫描仪无法使用：请安装 sane-utils，或使用网络扫描仪（eSCL）',
            ),
          );
          return;
        }
        try {
          for (const d of await listSaneDevices(env))
            out.push(entry('scanner', 'sane', d.name, `${d.vendor} ${d.model}`.trim(), 'ready', `SANE ${d.type}`));
        } catch (e) {
          out.push(entry('scanner', 'sane', 'sane', 'SANE', 'error', message(e)));
        }
      })(),
      (async () => {
        if (!hasCommand('lpstat', platform)) return;
        try {
          for (const q of await listCupsQueues(env)) {
            const stopped = q.state === 'stopped' || !q.accepting;
            out.push(
              entry(
                'printer',
                'cups',
                q.name,
                q.name,
                stopped ? 'error' : 'ready',
                stopped
                  ? `已暂停${q.reason ? `（${q.reason}）` : ''}：请在打印管理中恢复该打印机`
                  : `CUPS 打印队列（IPP ${cupsQueueUri(q.name, env)}）${q.isDefault ? '，默认打印机' : ''}`,
              ),
            );
          }
        } catch (e) {
          out.push(entry('printer', 'cups', 'cups', 'CUPS', 'error', message(e)));
        }
      })(),
    );
  } else {
    tasks.push(
      (async () => {
        try {
          const inv = await (ctx.wia ?? new WiaScanner()).inventory();
          for (const d of inv.devices) out.push(entry('scanner', 'wia', d.name, `${d.vendor} ${d.model}`.trim(), 'ready', 'WIA 扫描仪'));
          const wiaNames = inv.devices.map((d) => d.model.toLowerCase());
          for (const t of inv.twainSources.filter(
            (s) => !wiaNames.some((w) => w.includes(s.toLowerCase()) || s.toLowerCase().includes(w)),
          )) {
            out.push(
              entry(
                'scanner',
                'twain',
                t,
                t,
                'unsupported',
                '仅有 TWAIN 驱动的扫描仪，一窗通不支持：请安装厂商的 WIA 驱动，或开启扫描仪的网络扫描（eSCL/AirScan）',
              ),
            );
          }
        } catch (e) {
          out.push(entry('scanner', 'wia', 'wia', 'WIA', 'error', message(e)));
        }
      })(),
    );
  }

  const ippFromEnv = (env.ONEWINDOW_IPP_ADDRESSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^ipp:\/\//.test(s));
  for (const uri of new Set([...(ctx.ippAddresses ?? []), ...ippFromEnv])) {
    tasks.push(
      (async () => {
        const r = await testPrinter('ipp', uri, ctx);
        out.push(entry('printer', 'ipp', uri, uri, r.ok ? 'ready' : 'error', r.message));
      })(),
    );
  }
  if (ctx.electronBridge) {
    tasks.push(
      (async () => {
        for (const p of await ctx.electronBridge!.listPrinters().catch(() => []))
          out.push(
            entry('printer', 'electron', p.name, p.name, 'ready', `系统打印机（静默打印，无任务状态）${p.isDefault ? '，默认打印机' : ''}`),
          );
      })(),
    );
  }
  await Promise.all(tasks);
  const order = ['escl', 'sane', 'wia', 'twain', 'ipp', 'cups', 'electron'];
  return out.sort((a, b) => (a.kind === b.kind ? order.indexOf(a.driver) - order.indexOf(b.driver) : a.kind === 'scanner' ? -1 : 1));
}

function entry(
  kind: FoundDevice['kind'],
  driver: FoundDevice['driver'],
  id: string,
  label: string,
  state: FoundDevice['state'],
  msg: string,
): FoundDevice {
  return { kind, driver, id, label, state, message: msg };
}

/** Tests one device: a scanner answers with its capabilities and state, a printer with its state. */
export async function testDevice(
  kind: FoundDevice['kind'],
  driver: FoundDevice['driver'],
  id: string,
  ctx: InventoryContext = {},
): Promise<DeviceTestResult> {
  return kind === 'scanner' ? testScanner(driver, id, ctx) : testPrinter(driver, id, ctx);
}

async function testScanner(driver: FoundDevice['driver'], id: string, ctx: InventoryContext): Promise<DeviceTestResult> {
  try {
    if (driver === 'escl') {
      const s = new EsclScanner({ url: id, browse: false, stallMs: 8000 });
      const caps = await s.capabilities(id.replace(/\/+$/, ''));
      const status = await s.status(id.replace(/\/+$/, ''));
      const sources = [caps.platen ? '平板' : '', caps.adf ? (caps.adf.duplex ? '双面进纸器' : '进纸器') : ''].filter(Boolean).join('、');
      const adf =
        status?.adfState === 'ScannerAdfLoaded'
          ? '，进纸器有纸'
          : status?.adfState === 'ScannerAdfEmpty'
            ? '，进纸器无纸'
            : status?.adfState === 'ScannerAdfJam'
              ? '，进纸器卡纸：请取出卡纸'
              : '';
      const busy = status && status.state !== 'Idle' ? `，当前状态 ${status.state === 'Processing' ? '忙' : status.state}` : '';
      return {
        ok: status?.adfState !== 'ScannerAdfJam',
        message: `${caps.makeAndModel || '网络扫描仪'}：${sources}，分辨率 ${(caps.platen ?? caps.adf)?.resolutions.join('/')} dpi${adf}${busy}`,
      };
    }
    if (driver === 'sane') {
      const found = (await listSaneDevices(ctx.env ?? process.env)).find((d) => d.name === id);
      return found
        ? { ok: true, message: `${found.vendor} ${found.model} 已连接` }
        : { ok: false, message: `未找到扫描仪“${id}”，请检查电源和连接线` };
    }
    if (driver === 'wia') {
      const found = (await (ctx.wia ?? new WiaScanner()).list()).find((d) => d.name === id);
      return found ? { ok: true, message: `${found.model} 已连接` } : { ok: false, message: '未找到该 WIA 扫描仪，请检查电源和USB连接线' };
    }
    return { ok: false, message: '仅有 TWAIN 驱动的扫描仪，一窗通不支持：请安装厂商的 WIA 驱动，或开启网络扫描（eSCL）' };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}

async function testPrinter(driver: FoundDevice['driver'], id: string, ctx: InventoryContext): Promise<DeviceTestResult> {
  try {
    if (driver === 'ipp' || driver === 'cups') {
      const uri = driver === 'cups' ? cupsQueueUri(id, ctx.env ?? process.env) : id;
      const s = await new IppPrinter(id, uri).state();
      const why = describeReasons(s.reasons);
      if (s.state === 5 || !s.accepting) return { ok: false, message: `打印机已停止${why ? `（${why}）` : ''}，请处理后恢复` };
      return {
        ok: true,
        message: `${s.makeAndModel || '打印机'}：${s.state === 4 ? '正在打印' : '空闲'}${why ? `（${why}）` : ''}，可接收任务`,
      };
    }
    if (driver === 'electron') {
      const hit = (await ctx.electronBridge?.listPrinters().catch(() => []))?.some((p) => p.name === id);
      return hit
        ? { ok: true, message: '系统打印机已安装（静默打印不报告任务状态）' }
        : { ok: false, message: '找不到该系统打印机，请检查打印机是否已安装' };
    }
    throw new AppError('VALIDATION', '不支持测试该类打印机');
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}
