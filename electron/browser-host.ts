import { randomBytes, timingSafeEqual } from 'node:crypto';
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { AppError, type ApiErrorBody } from '../shared/api/errors';
import { displayEventFrame, displayResult, isDisplayMethod } from './api/display-capability';
import { LaunchCodes, type LaunchKind } from './launch-code';
import { log } from './log';
import { resolveStaticFile } from './static-files';
import type { CoreLink } from './core/core-link';

/** Request bodies are JSON; scanned materials travel base64-encoded, so allow for a few. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

// Styles may be inline because antd injects CSS-in-JS <style> tags; scripts may not.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATUS_OF: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  LOCKED: 423,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  TOO_LARGE: 413,
  INTERNAL: 500,
};

export interface BrowserHost {
  url: string;
  /** A fresh one-time link to the clerk's screen (each read mints a new code; see launch-code.ts). */
  readonly launchUrl: string;
  /** A fresh one-time link to the applicant display, which gets the display capability only. */
  readonly displayUrl: string;
  /** One-time links valid for ttlMs (default two minutes). */
  newLaunchUrl(kind: LaunchKind, ttlMs?: number): string;
  /** The clerk's access token: for `Authorization: Bearer` from this machine's tools, never in a URL. */
  token: string;
  port: number;
  close(): Promise<void>;
}

type Capability = 'clerk' | 'display';

/**
 * The workstation's services (the core, usually in its own process) over loopback HTTP, for development, tests, kiosks and machines
 * without the Electron binary. Bound to 127.0.0.1 only. Every request must carry the random
 * per-start token — as `Authorization: Bearer`, or as the HttpOnly SameSite=Strict cookie the
 * host sets when a one-time launch link is opened — and browser requests must come from our own
 * origin (Origin and Host checked, which also defeats DNS rebinding). The applicant display has
 * its own cookie and capability: the display methods and events under /display/, nothing else.
 * With `tokenFile`, the token is also written to a file only this user can read (for local tools).
 */
export async function startBrowserHost(
  core: CoreLink,
  opts: { port?: number; staticDir: string; token?: string; tokenFile?: string },
): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const displayToken = randomBytes(24).toString('base64url');
  const codes = new LaunchCodes(token);
  const displayClients = new Set<ServerResponse>();
  if (opts.tokenFile) writePrivateFile(opts.tokenFile, token);
  const staticRoot = resolve(opts.staticDir);
  const sseClients = new Set<ServerResponse>();
  let origin = '';
  let hosts = new Set<string>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('browser host request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) sendError(res, new AppError('INTERNAL', '系统内部错误，请重试').toBody());
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!hosts.has(req.headers.host ?? '')) return sendError(res, { code: 'FORBIDDEN', message: '请求的主机名不正确' }, 421);
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin)
      return sendError(res, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' }, 403);

    const url = new URL(req.url ?? '/', origin);
    const launchCode = url.searchParams.get('c');
    if (req.method === 'GET' && launchCode !== null) {
      const kind = codes.redeem(launchCode);
      // A person opened this link in a browser: answer with a page, not JSON.
      if (!kind)
        return sendPage(res, 401, '此链接已失效', '打开链接只能使用一次，且在几分钟后失效。请重新启动一窗通，或使用启动时新打印的地址。');
      const cookie = kind === 'clerk' ? `ow_token=${token}` : `ow_display=${displayToken}`;
      url.searchParams.delete('c');
      res.writeHead(303, {
        'Set-Cookie': `${cookie}; HttpOnly; SameSite=Strict; Path=/`,
        Location: kind === 'display' ? '/display' : url.pathname + url.search,
      });
      res.end();
      return;
    }
    const capability = capabilityOf(req);
    if (!capability) return sendError(res, { code: 'UNAUTHENTICATED', message: '访问令牌缺失或无效：请使用启动时打印的地址打开' }, 401);

    // The applicant display's own routes: the display capability, whoever calls them.
    if (url.pathname.startsWith('/display/rpc/')) {
      if (req.method !== 'POST') return sendError(res, { code: 'VALIDATION', message: '接口只接受 POST 请求' }, 405);
      const method = methodOf(url.pathname.slice('/display/rpc/'.length));
      if (method === null) return sendError(res, { code: 'VALIDATION', message: '接口名称无效：请检查地址' }, 400);
      if (!isDisplayMethod(method)) return sendError(res, { code: 'FORBIDDEN', message: '申请人屏幕只能显示办理进度和提交评价' }, 403);
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (err) {
        return sendError(res, err instanceof AppError ? err.toBody() : { code: 'VALIDATION', message: '请求内容不是有效的 JSON' });
      }
      const result = await core.call(method, input, 'http');
      if (result.ok) return sendJson(res, 200, { ok: true, result: displayResult(method, result.result) });
      return sendError(res, result.error);
    }
    if (url.pathname === '/display/events') {
      if (req.method !== 'GET') return sendError(res, { code: 'VALIDATION', message: '事件流只接受 GET 请求' }, 405);
      openEventStream(req, res, displayClients);
      return;
    }
    const isApi = url.pathname.startsWith('/rpc/') || url.pathname === '/events';
    if (isApi && capability !== 'clerk') return sendError(res, { code: 'FORBIDDEN', message: '申请人屏幕只能显示办理进度和提交评价' }, 403);

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendError(res, { code: 'VALIDATION', message: '接口只接受 POST 请求' }, 405);
      const method = methodOf(url.pathname.slice('/rpc/'.length));
      if (method === null) return sendError(res, { code: 'VALIDATION', message: '接口名称无效：请检查地址' }, 400);
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (err) {
        const body = err instanceof AppError ? err.toBody() : { code: 'VALIDATION' as const, message: '请求内容不是有效的 JSON' };
        return sendError(res, body);
      }
      const result = await core.call(method, input, 'http');
      if (result.ok) return sendJson(res, 200, result);
      return sendError(res, result.error);
    }
    if (url.pathname === '/events') {
      if (req.method !== 'GET') return sendError(res, { code: 'VALIDATION', message: '事件流只接受 GET 请求' }, 405);
      openEventStream(req, res, sseClients);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'VALIDATION', message: '只允许 GET 请求' }, 405);
    return serveStatic(url.pathname, res);
  }

  function capabilityOf(req: IncomingMessage): Capability | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && same(auth.slice(7), token)) return 'clerk';
    const cookie = req.headers.cookie ?? '';
    const clerk = /(?:^|;\s*)ow_token=([^;]+)/.exec(cookie);
    if (clerk && same(clerk[1]!, token)) return 'clerk';
    const display = /(?:^|;\s*)ow_display=([^;]+)/.exec(cookie);
    return display && same(display[1]!, displayToken) ? 'display' : null;
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse, clients: Set<ServerResponse>): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'Cache-Control': 'no-store' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const found = resolveStaticFile(staticRoot, pathname);
    if (!found.ok) {
      const body: Record<typeof found.status, ApiErrorBody> = {
        400: { code: 'VALIDATION', message: '路径无效' },
        403: { code: 'FORBIDDEN', message: '路径越界' },
        404: { code: 'NOT_FOUND', message: '界面尚未构建：请先运行 npm run build（npm start 会自动构建）' },
      };
      return sendError(res, body[found.status], found.status);
    }
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Frame-Options': 'DENY',
    });
    res.end(readFileSync(found.file));
  }

  const unsubscribe = core.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
    const displayFrame = displayClients.size > 0 ? displayEventFrame(event, payload) : null;
    if (displayFrame) for (const client of displayClients) client.write(displayFrame);
  });
  // Keep idle SSE connections open through proxies and detect dead ones.
  const ping = setInterval(() => {
    for (const client of [...sseClients, ...displayClients]) client.write(': ping\n\n');
  }, 20_000);
  ping.unref();

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const newLaunchUrl = (kind: LaunchKind, ttlMs?: number): string =>
    `${origin}/${kind === 'display' ? 'display' : ''}?c=${codes.mint(kind, ttlMs)}`;
  return {
    url: origin + '/',
    get launchUrl() {
      return newLaunchUrl('clerk');
    },
    get displayUrl() {
      return newLaunchUrl('display');
    },
    newLaunchUrl,
    token,
    port,
    close: () =>
      new Promise<void>((r) => {
        unsubscribe();
        clearInterval(ping);
        if (opts.tokenFile) rmSync(opts.tokenFile, { force: true });
        for (const c of [...sseClients, ...displayClients]) c.end();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The method name of an /rpc/ path, or null when it is not even valid percent-encoding. */
function methodOf(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** Creates the file afresh with owner-only permissions (an existing file's mode is not trusted). */
function writePrivateFile(file: string, content: string): void {
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new AppError('TOO_LARGE', `上传内容过大（超过 ${MAX_BODY_BYTES / 1048576} MB），请降低扫描分辨率或分批上传`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new AppError('TOO_LARGE', `上传内容过大（超过 ${MAX_BODY_BYTES / 1048576} MB），请降低扫描分辨率或分批上传`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolvePromise({});
      try {
        resolvePromise(JSON.parse(text));
      } catch {
        reject(new AppError('VALIDATION', '请求内容不是有效的 JSON'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendPage(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  res.end(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>一窗通 · ${title}</title>` +
      `<body style="font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;background:#f5f7fa;color:#1f2937;margin:0">` +
      `<div style="max-width:560px;margin:15vh auto;background:#fff;border:1px solid #dfe3ea;border-radius:6px;padding:24px 28px">` +
      `<h1 style="font-size:20px;margin:0 0 12px;color:#1f5fae">${title}</h1><p style="font-size:15px;line-height:1.7;margin:0">${message}</p></div></body></html>`,
  );
}

function sendError(res: ServerResponse, error: ApiErrorBody, status?: number): void {
  sendJson(res, status ?? STATUS_OF[error.code] ?? 400, { ok: false, error });
}
