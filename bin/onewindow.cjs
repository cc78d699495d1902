#!/usr/bin/env node
// The `onewindow` command: the CLI bundled by `npm run build` (also run by npm install).
const { runCli } = require('../dist/electron/cli.cjs');
runCli(process.argv.slice(2), {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`失败：${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
