// `npm test`: everything, in the order that fails fastest — Debian tools, type checks per
// layer, lint, import circles, electronegativity, unit + integration tests (vitest), build, end-to-end
// (Playwright driving Debian's Chromium against the browser host).
import { spawnSync } from 'node:child_process';

// Debian packages the tests drive for real (TOOLCHAIN.md).
const PACKAGES = [
  'chromium',
  'xvfb',
  'xauth',
  'socat',
  'poppler-utils',
  'mupdf-tools',
  'zbar-tools',
  'sane-utils',
  'libsane1',
  'cups',
  'printer-driver-cups-pdf',
  'fonts-noto-cjk',
  'fonts-wqy-microhei',
  'fonts-arphic-gbsn00lp',
  'unzip',
  'openssl',
  'fonts-babelstone-han',
  'fonts-cns11643-sung',
];

function run(label, cmd, args, opts = {}) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

function missingPackages() {
  return PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

const missing = missingPackages();
if (missing.length) {
  const line = `apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 ${missing.join(' ')}`;
  if (process.getuid?.() === 0) {
    console.log(`Installing Debian packages the tests need: ${missing.join(' ')}`);
    // Another apt (unattended upgrades, a colleague) may hold the dpkg lock: wait for it.
    run('apt-get update', 'apt-get', ['update', '-q', '-o', 'DPkg::Lock::Timeout=300']);
    run('apt-get install', 'apt-get', ['install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=300', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(`The tests need Debian packages that are missing. Run as root:\n  ${line}`);
    process.exit(1);
  }
}

const bin = (name) => `node_modules/.bin/${name}`;
const only = process.argv[2];
const steps = [
  [
    'typecheck',
    () => {
      for (const layer of ['shared', 'electron', 'renderer', 'test', 'hall'])
        run(`tsc ${layer}`, bin('tsc'), ['-p', `${layer}/tsconfig.json`]);
    },
  ],
  ['lint', () => run('eslint (zero warnings)', bin('eslint'), ['--max-warnings', '0', '.'])],
  ['format', () => run('prettier (formatted)', bin('prettier'), ['--check', '--log-level', 'warn', '.'])],
  ['circles', () => run('no import circles (electron, shared)', process.execPath, ['scripts/check-circles.mjs', 'electron', 'shared'])],
  ['electronegativity', () => run('electronegativity', process.execPath, ['scripts/electronegativity.mjs'])],
  ['unit', () => run('vitest (unit + integration)', bin('vitest'), ['run'])],
  [
    'sync-on-postgres',
    () => {
      // The sync suite's platform is the hall server behind a proxy: on PGlite in `unit`, and here on
      // PostgreSQL when a server is named (CI names one), so both engines carry the same suite.
      const pg = process.env.ONEWINDOW_TEST_PG;
      if (!pg) return console.log('\n> sync suite on PostgreSQL: skipped (ONEWINDOW_TEST_PG not set)');
      run('vitest (sync suite, platform on PostgreSQL)', bin('vitest'), ['run', 'test/integration/sync'], {
        env: { ...process.env, ONEWINDOW_PLATFORM_PG: pg },
      });
    },
  ],
  ['build', () => run('build', process.execPath, ['scripts/build.mjs'])],
  ['e2e', () => run('playwright (Chromium, browser host)', bin('playwright'), ['test'])],
];
for (const [name, step] of steps) if (!only || only === name) step();
console.log('\nAll checks passed.');
