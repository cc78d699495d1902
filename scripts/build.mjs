// Builds what the workstation runs: the Node side bundled by esbuild (Electron main, preload,
// browser host, CLI) and, unless --node-only, the renderer by Vite.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const nodeOnly = process.argv.includes('--node-only');
const root = new URL('..', import.meta.url).pathname;

// Native and optional modules stay outside the bundle: they are loaded from node_modules.
const external = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'sm-crypto', 'bwip-js', 'pdf-lib', '@pdf-lib/fontkit'];

const entries = [
  ['electron/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload.ts', 'dist/electron/preload.cjs'],
  ['electron/browser-host-main.ts', 'dist/electron/browser-host.cjs'],
  ['electron/cli.ts', 'dist/electron/cli.cjs'],
  // The core process both hosts fork (browser host: child_process; Electron: utilityProcess).
  ['electron/core-main.ts', 'dist/electron/core.cjs'],
];

for (const [entry, outfile] of entries) {
  if (!existsSync(root + entry)) continue;
  await build({
    entryPoints: [root + entry],
    outfile: root + outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The sandboxed preload cannot require split chunks: it must be one self-contained file.
    external: entry.endsWith('preload.ts') ? ['electron'] : external,
    sourcemap: true,
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
}

if (!nodeOnly) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: root + 'renderer/vite.config.ts', logLevel: 'warn' });
}
