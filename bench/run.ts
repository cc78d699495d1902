// `npm run bench`: every area's figures, one after another (`npm run bench -- idcard` for one).
import { ensureBuilt } from './ensure-build';

const AREAS = [
  'foundation',
  'idcard',
  'catalog',
  'deadline',
  'lifecycle',
  'documents',
  'signing',
  'sync',
  'devices',
  'first-screen',
  'journal',
  'ui-latency',
  'scan-encoding',
  'hall',
] as const;
/** Areas that start the built browser host: dist/ must exist and be current before they run. */
const NEEDS_BUILD: readonly string[] = ['foundation', 'first-screen'];

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const areas = AREAS.filter((a) => !only.length || only.includes(a));
  if (areas.some((a) => NEEDS_BUILD.includes(a))) ensureBuilt((line) => console.log(line));
  for (const area of areas) {
    console.log(`\n## ${area}`);
    const mod = (await import(`./${area}.ts`)) as { run(print: (l: string) => void): Promise<void> };
    await mod.run((line) => console.log(line));
  }
}

void main();
