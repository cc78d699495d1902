import { readFileSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY } from './browser-host';
import { resolveStaticFile } from './static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://onewindow';

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
  const found = resolveStaticFile(rendererDir, url.pathname);
  if (!found.ok) return new Response({ 400: 'bad request', 403: 'forbidden', 404: 'not built' }[found.status], { status: found.status });
  return new Response(readFileSync(found.file), {
    status: 200,
    headers: { 'Content-Type': found.contentType, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
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
