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
const out = join(work, 'report.csv');
const bin = join(root, 'node_modules/.bin/electronegativity');
const r = spawnSync(bin, ['-i', work, '-e', '41.7.1', '-o', out], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const allow = JSON.parse(readFileSync(join(root, 'electronegativity.allow.json'), 'utf8'));
// The report is CSV with quoted fields that may hold commas and newlines.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field.trim()), (field = '');
    else if (c === '\n') row.push(field.trim()), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) row.push(field.trim()), rows.push(row);
  return rows;
}
const rows = parseCsv(readFileSync(out, 'utf8')).slice(1).filter((r) => r.length > 3);
let unexplained = 0;
for (const row of rows) {
  const [check, severity, , file, location, , description] = row;
  const rel = file.replace(work + '/', '');
  const why = allow.find((a) => a.check === check && (a.file === '*' || a.file === rel));
  if (why) console.log(`electronegativity: ${check} ${rel}:${location} — explained: ${why.why}`);
  else {
    unexplained++;
    console.error(`electronegativity: UNEXPLAINED ${check} (${severity}) ${rel}:${location} ${description}`);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`electronegativity: ${rows.length} findings, ${unexplained} unexplained`);
process.exit(unexplained === 0 ? 0 : 1);
