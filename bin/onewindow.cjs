#!/usr/bin/env node
// The `onewindow` command: the CLI bundled by `npm run build` (also run by npm install).
require('../dist/electron/cli.cjs');
