import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker (the in-app document preview) is an ES module: browsers require a JS type.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type StaticLookup = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a URL path onto the built renderer for both hosts (app:// in Electron, the browser
 * host's GET): nothing outside the folder, client-side routes get the app shell.
 */
export function resolveStaticFile(rootDir: string, encodedPath: string): StaticLookup {
  const root = resolve(rootDir);
  let rel: string;
  try {
    rel = decodeURIComponent(encodedPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel.includes('\0')) return { ok: false, status: 400 };
  const file = resolve(root, normalize('.' + rel));
  if (file !== root && !file.startsWith(root + sep)) return { ok: false, status: 403 };
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  if (!existsSync(target)) return { ok: false, status: 404 };
  return { ok: true, file: target, contentType: MIME[extname(target)] ?? 'application/octet-stream' };
}
