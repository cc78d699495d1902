/**
 * `npm run bench` drives the built browser host (dist/), which a fresh install does not have.
 * Builds when an output is missing or older than any source it is built from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const OUTPUTS = ['dist/renderer/index.html', 'dist/electron/browser-host.cjs'];
const SOURCES = ['renderer', 'shared', 'electron', 'package-lock.json', 'scripts/build.mjs'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when dist/ is current. */
export function staleReason(): string | null {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  const source = SOURCES.map((s) => join(root, s))
    .filter((s) => existsSync(s))
    .find((s) => newestMtime(s) > built);
  return source ? `${source.slice(root.length + 1)} changed since the last build` : null;
}

export function ensureBuilt(print: (line: string) => void): void {
  const reason = staleReason();
  if (!reason) return;
  print(`building first (${reason})…`);
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
