// Runs @doyensec/electronegativity over the Electron code and the app's HTML, and fails on any
// finding that is not explained in electronegativity.allow.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ow-electronegativity-'));
cpSync(join(root, 'electron'), join(work, 'electron'), { recursive: true });
cpSync(join(root, 'renderer/index.html'), join(work, 'index.html'));
const out = join(work, 'report.sarif');
const bin = join(root, 'node_modules/.bin/electronegativity');
const r = spawnSync(bin, ['-i', work, '-e', '41.7.1', '-o', out], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const allow = JSON.parse(readFileSync(join(root, 'electronegativity.allow.json'), 'utf8'));
// SARIF (JSON) rather than the CSV report: its fields may hold commas and newlines.
const results = JSON.parse(readFileSync(out, 'utf8')).runs[0].results;
let unexplained = 0;
for (const result of results) {
  const check = result.ruleId;
  const loc = result.locations?.[0]?.physicalLocation;
  const rel = String(loc?.artifactLocation?.uri ?? 'N/A').replace(work + '/', '');
  const where = `${rel}:${loc?.region?.startLine ?? 0}`;
  const why = allow.find((a) => a.check === check && (a.file === '*' || a.file === rel));
  if (why) console.log(`electronegativity: ${check} ${where} — explained: ${why.why}`);
  else {
    unexplained++;
    console.error(`electronegativity: UNEXPLAINED ${check} ${where} ${result.message?.text ?? ''}`);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`electronegativity: ${results.length} findings, ${unexplained} unexplained`);
process.exit(unexplained === 0 ? 0 : 1);
