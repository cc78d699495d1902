import { AppError } from '../../shared/api/errors';
import { HALL_CODES, enrolResponse, type EnrolResponse } from '../../shared/protocol/enrolment';
import type { Db } from '../store/database';
import type { SettingsStore } from '../settings/settings-store';
import { saveEnrolment } from './assignment';

export type EnrolFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** The hall address as the admin typed it: http(s) only, no trailing slash. */
export function normaliseHallUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION', '大厅服务器地址应为完整网址，如 http://192.168.10.5:8780', [
      { path: 'url', message: '地址格式不正确' },
    ]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION', '大厅服务器地址应以 http:// 或 https:// 开头', [{ path: 'url', message: '地址格式不正确' }]);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Exchanges a one-time enrolment code for this window's credentials and assignment
 * (`POST /v1/enrol`, docs/platform-protocol.md 9.1). Unsigned: the code is the credential.
 * The answer is parsed strictly; the secret is never logged or echoed.
 */
export async function requestEnrolment(
  hallUrl: string,
  code: string,
  fetchImpl: EnrolFetch = globalThis.fetch as unknown as EnrolFetch,
  timeoutMs = 15_000,
): Promise<EnrolResponse> {
  const trimmed = code.trim();
  if (trimmed.length < 6)
    throw new AppError('VALIDATION', '登记码不完整：请按大厅管理员给出的登记码（如 K7QX-M4RT-9HWC）完整输入', [
      { path: 'code', message: '登记码不完整' },
    ]);
  let status: number;
  let text: string;
  try {
    const res = await fetchImpl(`${hallUrl}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: trimmed }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch {
    throw new AppError('PLATFORM', `连不上大厅服务器 ${hallUrl}：请检查地址和网络（可在浏览器打开该地址核对），再重试`);
  }
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = null;
  }
  if (status === 403 && codeOf(body) === HALL_CODES.enrolmentInvalid) {
    throw new AppError('VALIDATION', '登记码无效、已使用或已过期：请向大厅管理员申请新的登记码', [{ path: 'code', message: '登记码无效' }]);
  }
  if (status < 200 || status >= 300) {
    throw new AppError(
      'PLATFORM',
      `大厅服务器拒绝登记（HTTP ${status}${codeOf(body) ? `，${codeOf(body)}` : ''}）：请核对地址是否为大厅服务器，或联系大厅管理员`,
    );
  }
  const parsed = enrolResponse.safeParse(body);
  if (!parsed.success) throw new AppError('PLATFORM', '该地址的应答不像一窗通大厅服务器：请核对大厅服务器地址');
  return parsed.data;
}

/**
 * Stores what enrolment gave: the platform credentials in the workstation configuration (the
 * relay restarts on them), the hall's and the window's names, and the role in hall_assignment.
 * One transaction; journaled as settings.updated by the settings store.
 */
export function applyEnrolment(db: Db, settings: SettingsStore, hallUrl: string, e: EnrolResponse, actor: string | null, at: string): void {
  db.transaction(() => {
    const current = settings.get();
    settings.set(
      {
        ...current,
        hall: { ...current.hall, name: e.hallName.slice(0, 64), code: e.hallCode },
        // "12号窗口" as the hall names it is window number 12 on this window's notices and header.
        window: {
          ...current.window,
          name: e.windowName.slice(0, 64),
          number: /^(\d{1,16})\s*号/.exec(e.windowName)?.[1] ?? current.window.number,
        },
        platform: { url: hallUrl, workstationId: e.workstationId, secret: e.secret },
      },
      actor,
    );
    saveEnrolment(db, {
      hallUrl,
      workstationId: e.workstationId,
      hallName: e.hallName,
      hallCode: e.hallCode,
      windowName: e.windowName,
      role: e.role,
      department: e.department,
      enrolledAt: at,
    });
  })();
}

function codeOf(body: unknown): string | null {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
    ? (body as { code: string }).code
    : null;
}
