import { join } from 'node:path';
import type { PrinterView } from '../../shared/api/documents';
import type { PrinterRef, WorkstationConfig } from '../../shared/api/settings';
import {
  CupsPrinter,
  describeReasons,
  ElectronPrinter,
  FolderPrinter,
  IppPrinter,
  listCupsQueues,
  type ElectronPrintBridge,
  type Printer,
} from '../devices/printer';
import type { z } from 'zod';

export type PrinterRole = 'notice' | 'receipt';
type Ref = z.infer<typeof PrinterRef>;

/** Training output lands here unless IT names another folder. */
export function trainingFolder(dataDir: string): string {
  return join(dataDir, 'printed');
}

export interface PrinterContext {
  dataDir: string;
  electronBridge?: ElectronPrintBridge;
  env?: NodeJS.ProcessEnv;
}

const ROLE_LABEL: Record<PrinterRole, string> = { notice: '通知书打印机', receipt: '凭证打印机' };

/** One Printer for a configured role; undefined when the role is set to none. */
export function printerFromRef(ref: Ref, role: PrinterRole, ctx: PrinterContext): Printer | undefined {
  switch (ref.kind) {
    case 'none':
      return undefined;
    case 'folder':
      return new FolderPrinter(ref.name || `培训打印机（${ROLE_LABEL[role]}）`, ref.folder || trainingFolder(ctx.dataDir));
    case 'cups':
      return ref.name ? new CupsPrinter(ref.name, ctx.env ? { env: ctx.env } : {}) : undefined;
    case 'ipp':
      return ref.uri ? new IppPrinter(ref.name || ref.uri, ref.uri) : undefined;
    case 'electron':
      // Without Electron (browser host, CLI) there is no bridge; the role then reports an error.
      return ref.name && ctx.electronBridge ? new ElectronPrinter(ref.name, ctx.electronBridge) : undefined;
  }
}

/** Receipts go to the receipt printer; a window without one prints them with the notices. */
export function effectiveRef(config: WorkstationConfig, role: PrinterRole): { ref: Ref; role: PrinterRole } {
  const printers = config.devices.printers;
  if (role === 'receipt' && printers.receipt.kind === 'none') return { ref: printers.notice, role: 'notice' };
  return { ref: printers[role], role };
}

/** What the settings name for each role and whether it can take a job right now. */
export async function describePrinters(config: WorkstationConfig, ctx: PrinterContext): Promise<PrinterView[]> {
  const out: PrinterView[] = [];
  for (const role of ['notice', 'receipt'] as const) {
    const ref = config.devices.printers[role];
    const base = { role, kind: ref.kind, name: ref.name ?? '' };
    if (ref.kind === 'none') {
      out.push({ ...base, state: 'not-configured', message: role === 'receipt' ? '未配置（凭证改用通知书打印机）' : '未配置' });
      continue;
    }
    if (ref.kind === 'folder') {
      out.push({
        ...base,
        name: ref.name || '培训打印机',
        state: 'ready',
        message: `输出到文件夹 ${ref.folder || trainingFolder(ctx.dataDir)}`,
      });
      continue;
    }
    if (ref.kind === 'ipp') {
      if (!ref.uri) {
        out.push({ ...base, state: 'error', message: '未填写打印机地址，请在工作站设置中选择或填写 ipp:// 地址' });
        continue;
      }
      const printer = new IppPrinter(ref.name || ref.uri, ref.uri);
      try {
        const s = await printer.state();
        const why = describeReasons(s.reasons);
        if (s.state === 5 || !s.accepting)
          out.push({ ...base, name: printer.name, state: 'error', message: `打印机已停止${why ? `（${why}）` : ''}，请处理后恢复` });
        else
          out.push({ ...base, name: printer.name, state: 'ready', message: why ? `就绪（${why}）` : s.state === 4 ? '正在打印' : '就绪' });
      } catch (e) {
        out.push({ ...base, name: printer.name, state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
      continue;
    }
    if (!ref.name) {
      out.push({ ...base, state: 'error', message: '未填写打印机名称，请在工作站设置中选择打印机' });
      continue;
    }
    if (ref.kind === 'electron') {
      if (!ctx.electronBridge) {
        out.push({ ...base, state: 'error', message: '当前不是桌面版一窗通，无法使用系统打印：请改用 CUPS 打印机' });
        continue;
      }
      const known = await ctx.electronBridge.listPrinters().catch(() => []);
      const hit = known.some((p) => p.name === ref.name);
      out.push({ ...base, state: hit ? 'ready' : 'error', message: hit ? '就绪' : `找不到打印机“${ref.name}”，请检查打印机是否已安装` });
      continue;
    }
    try {
      const q = (await listCupsQueues(ctx.env)).find((p) => p.name === ref.name);
      if (!q) out.push({ ...base, state: 'error', message: `找不到打印机“${ref.name}”，请检查打印机是否已安装，或在工作站设置中重新选择` });
      else if (q.state === 'stopped' || !q.accepting)
        out.push({
          ...base,
          state: 'error',
          message: `打印机“${ref.name}”已暂停${q.reason ? `（${q.reason}）` : ''}，请检查电源、纸张后在打印机管理中恢复`,
        });
      else out.push({ ...base, state: 'ready', message: q.state === 'printing' ? '正在打印' : '就绪' });
    } catch (e) {
      out.push({ ...base, state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
