// `npm test` step: no import circles in electron/ and shared/. Type-only imports count too:
// a circle through `import type` still means two modules cannot be read, or changed, apart.
// Uses the TypeScript compiler's own import scanner, so it sees what tsc sees.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
const layers = process.argv.slice(2).length ? process.argv.slice(2) : ['electron', 'shared'];

function sourcesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourcesUnder(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names, as tsc resolves it (file.ts, file.tsx, dir/index.ts). */
function resolveSpecifier(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = layers.flatMap((layer) => sourcesUnder(join(root, layer)));
const inScope = new Set(files);
const edges = new Map();
for (const file of files) {
  const text = ts.sys.readFile(file) ?? '';
  const info = ts.preProcessFile(text, true, true);
  const targets = info.importedFiles.map((f) => resolveSpecifier(file, f.fileName)).filter((t) => t && inScope.has(t));
  edges.set(file, [...new Set(targets)]);
}

// Tarjan's strongly connected components: every component of more than one file is a circle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function visit(v) {
  indexOf.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!indexOf.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(component);
  }
}
for (const file of files) if (!indexOf.has(file)) visit(file);

if (circles.length === 0) {
  console.log(`No import circles among ${files.length} files in ${layers.join(', ')}.`);
} else {
  for (const component of circles) {
    console.error(`Import circle of ${component.length} files:`);
    for (const file of component.sort()) console.error(`  ${relative(root, file)}`);
  }
  console.error(`\n${circles.length} import circle(s): make one side depend on a narrower module (an interface, the service it uses).`);
  process.exit(1);
}
