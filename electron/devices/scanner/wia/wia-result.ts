import { z } from 'zod';

/**
 * What resources/wia/wia-scan.ps1 writes back, parsed at the boundary: the script runs on a
 * machine we do not control, so every field is checked before it is trusted.
 */
export const WiaListResult = z.union([
  z.object({
    ok: z.literal(true),
    devices: z.array(z.object({ id: z.string(), name: z.string(), manufacturer: z.string().nullable().optional(), type: z.string() })),
    twainSources: z.array(z.string()).default([]),
  }),
  z.object({ ok: z.literal(false), hresult: z.string(), message: z.string(), pages: z.array(z.string()).default([]) }),
]);

export const WiaScanResult = z.union([
  z.object({ ok: z.literal(true), pages: z.array(z.string()), feederEmpty: z.boolean().default(false) }),
  z.object({ ok: z.literal(false), hresult: z.string(), message: z.string(), pages: z.array(z.string()).default([]) }),
]);

/** ConvertTo-Json writes a one-element array as the element itself in old PowerShell: undo that. */
function arrays(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const o = { ...(value as Record<string, unknown>) };
  for (const k of ['devices', 'twainSources', 'pages']) if (k in o && o[k] !== null && !Array.isArray(o[k])) o[k] = [o[k]];
  for (const k of ['devices', 'twainSources', 'pages']) if (o[k] === null) o[k] = [];
  return o;
}

export class WiaOutputError extends Error {}

export function parseWiaResult<T extends z.ZodType>(schema: T, text: string): z.output<T> {
  let json: unknown;
  try {
    // PowerShell 5 may prefix a BOM.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new WiaOutputError('WIA result is not JSON');
  }
  const r = schema.safeParse(arrays(json));
  if (!r.success) throw new WiaOutputError('WIA result has an unexpected shape: ' + r.error.issues.map((i) => i.path.join('.')).join(', '));
  return r.data;
}

/** WIA 2.0 HRESULTs (wia.h) as a sentence the clerk can act on. */
const MESSAGES: Record<string, string> = {
  '0x80210001': '扫描仪出现一般错误，请关闭扫描仪电源后重新打开，再重新扫描',
  '0x80210002': '扫描仪卡纸，请打开进纸器盖取出卡住的纸张后继续扫描',
  '0x80210003': '进纸器中没有文件，请将文件放入进纸器后重新扫描',
  '0x80210004': '进纸出现问题，请整理纸张后重新放入进纸器',
  '0x80210005': '扫描仪处于离线状态，请检查扫描仪电源和USB连接线',
  '0x80210006': '扫描仪正忙（可能正在被其他程序使用），请关闭其他扫描程序后稍候再试',
  '0x80210007': '扫描仪正在预热，请稍等片刻后重新扫描',
  '0x80210008': '扫描仪需要人工处理，请查看扫描仪面板上的提示',
  '0x80210009': '扫描仪已被移除，请重新连接扫描仪后点击“刷新设备”',
  '0x8021000A': '无法与扫描仪通信，请检查USB连接线，必要时重新插拔后再试',
  '0x8021000B': '扫描仪不支持该命令，请更新扫描仪驱动',
  '0x8021000C': '扫描仪设置不正确，请检查扫描仪上的开关（如平板/进纸器切换）',
  '0x8021000D': '扫描仪已锁定，请解除扫描仪的运输锁后重新扫描',
  '0x8021000E': '扫描仪驱动出错，请重新安装扫描仪厂商提供的WIA驱动',
  '0x8021000F': '扫描仪驱动响应异常，请重新安装扫描仪厂商提供的WIA驱动',
  '0x80210015': '未找到WIA扫描仪，请检查扫描仪电源和USB连接线，并确认已安装厂商的WIA驱动',
  '0x80210016': '扫描仪盖板未关好，请关好盖板后重新扫描',
  '0x80210017': '扫描仪灯管未打开，请稍候或重新开关扫描仪',
  '0x80040154': '本机的Windows图像采集服务（WIA）不可用，请联系信息技术人员启用“Windows Image Acquisition (WIA)”服务',
  '0x80070005': '没有权限使用扫描仪，请联系信息技术人员检查账户权限',
  '0x80070490': '未找到所选的扫描仪，请在工作站设置中重新选择扫描仪',
};

/** HRESULTs after which the pages already scanned are worth keeping (the device broke off). */
const INTERRUPTING = new Set(['0x80210002', '0x80210004', '0x80210005', '0x80210009', '0x8021000A', '0x80210016']);

export function normaliseHresult(h: string): string {
  const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(h.trim());
  if (m) return '0x' + m[1]!.toUpperCase().padStart(8, '0');
  const n = Number(h);
  return Number.isInteger(n) ? '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0') : h;
}

export function wiaMessage(hresult: string): { message: string; interrupting: boolean; known: boolean } {
  const h = normaliseHresult(hresult);
  const message = MESSAGES[h];
  return {
    message: message ?? `扫描仪报告错误（${h}），请重新开关扫描仪后重试；如仍失败请联系信息技术人员`,
    interrupting: INTERRUPTING.has(h),
    known: !!message,
  };
}
