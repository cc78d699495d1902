import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './browser-host';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://onewindow';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer for the `app://onewindow/` protocol: GET only, no path outside
 * the renderer folder, the strict CSP on every document. Pure (Request in, Response out) so it
 * is tested without Electron.
 */
export function serveAppRequest(request: { method: string; url: string }, rendererDir: string): Response {
  if (request.method !== 'GET') return new Response('method not allowed', { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('bad request', { status: 400 });
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('forbidden', { status: 403 });
  const root = resolve(rendererDir);
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return new Response('bad request', { status: 400 });
  }
  if (rel.includes('\0')) return new Response('bad request', { status: 400 });
  const file = resolve(root, normalize('.' + rel));
  if (file !== root && !file.startsWith(root + sep)) return new Response('forbidden', { status: 403 });
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  if (!existsSync(target)) return new Response('not built', { status: 404 });
  return new Response(readFileSync(target), {
    status: 200,
    headers: { 'Content-Type': MIME[extname(target)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

/** Only our own pages may call the API or be granted the camera. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
