import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { AppError, type ApiErrorBody } from '../shared/api/errors';
import { log } from './log';
import { resolveStaticFile } from './static-files';
import type { Workstation } from './workstation';

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
  /** The URL to open: it carries the token once, which the host swaps for a cookie. */
  launchUrl: string;
  displayUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The workstation's services over loopback HTTP, for development, tests, kiosks and machines
 * without the Electron binary. Bound to 127.0.0.1 only. Every request must carry the random
 * per-start token — as `Authorization: Bearer`, or as the HttpOnly SameSite=Strict cookie the
 * host sets when the launch URL is opened — and browser requests must come from our own
 * origin (Origin and Host checked, which also defeats DNS rebinding).
 */
export async function startBrowserHost(ws: Workstation, opts: { port?: number; staticDir: string; token?: string }): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
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
    if (reqOrigin !== undefined && reqOrigin !== origin) return sendError(res, { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' }, 403);

    const url = new URL(req.url ?? '/', origin);
    const launchToken = url.searchParams.get('t');
    if (req.method === 'GET' && launchToken !== null) {
      if (!same(launchToken, token)) return sendError(res, { code: 'UNAUTHENTICATED', message: '访问令牌无效：请使用启动时打印的地址重新打开' }, 401);
      url.searchParams.delete('t');
      res.writeHead(303, {
        'Set-Cookie': `ow_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      res.end();
      return;
    }
    if (!authorized(req)) return sendError(res, { code: 'UNAUTHENTICATED', message: '访问令牌缺失或无效：请使用启动时打印的地址打开' }, 401);

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendError(res, { code: 'VALIDATION', message: '接口只接受 POST 请求' }, 405);
      const method = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (err) {
        const body = err instanceof AppError ? err.toBody() : { code: 'VALIDATION' as const, message: '请求内容不是有效的 JSON' };
        return sendError(res, body);
      }
      const result = await ws.dispatch(method, input, 'http');
      if (result.ok) return sendJson(res, 200, result);
      return sendError(res, result.error);
    }
    if (url.pathname === '/events') {
      if (req.method !== 'GET') return sendError(res, { code: 'VALIDATION', message: '事件流只接受 GET 请求' }, 405);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'VALIDATION', message: '只允许 GET 请求' }, 405);
    return serveStatic(url.pathname, res);
  }

  function authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && same(auth.slice(7), token)) return true;
    const cookie = req.headers.cookie ?? '';
    const m = /(?:^|;\s*)ow_token=([^;]+)/.exec(cookie);
    return !!m && same(m[1]!, token);
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
    res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' });
    res.end(readFileSync(found.file));
  }

  const unsubscribe = ws.bus.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  // Keep idle SSE connections open through proxies and detect dead ones.
  const ping = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n');
  }, 20_000);
  ping.unref();

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: origin + '/',
    launchUrl: `${origin}/?t=${token}`,
    displayUrl: `${origin}/display?t=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((r) => {
        unsubscribe();
        clearInterval(ping);
        for (const c of sseClients) c.end();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
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

function sendError(res: ServerResponse, error: ApiErrorBody, status?: number): void {
  sendJson(res, status ?? STATUS_OF[error.code] ?? 400, { ok: false, error });
}
