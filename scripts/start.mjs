// `npm start`: builds what is stale, then opens the Electron app where its binary exists, or
// the browser host where it does not (build servers, air-gapped machines), saying which and why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stamp = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')), newest(join(root, 'electron')));
if (stamp(join(root, 'dist/renderer/index.html')) < sources || stamp(join(root, 'dist/electron/browser-host.cjs')) < sources) {
  console.log('Building the workstation (first start or sources changed)…');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing.
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const electron = process.env.ONEWINDOW_HOST === 'browser' ? null : electronBinary();
let child;
if (electron) {
  console.log(`Starting the Electron app (Electron binary at ${electron}).`);
  child = spawn(electron, [join(root, 'dist/electron/main.cjs'), ...args], { stdio: 'inherit' });
} else {
  const reason =
    process.env.ONEWINDOW_HOST === 'browser'
      ? 'ONEWINDOW_HOST=browser was set'
      : 'no Electron binary: node_modules/electron holds typings only on this machine';
  console.log(`Starting the browser host: ${reason}.`);
  child = spawn(process.execPath, [join(root, 'dist/electron/browser-host.cjs'), '--reason', reason, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ONEWINDOW_STATIC_DIR: join(root, 'dist/renderer'), ONEWINDOW_RESOURCES: join(root, 'resources') },
  });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
