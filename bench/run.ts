// `npm run bench`: every area's figures, one after another (`npm run bench -- idcard` for one).
const AREAS = ['foundation', 'idcard', 'catalog', 'deadline', 'lifecycle', 'documents', 'signing', 'sync', 'devices', 'hall'] as const;

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const area of AREAS) {
    if (only.length && !only.includes(area)) continue;
    console.log(`\n## ${area}`);
    const mod = (await import(`./${area}.ts`)) as { run(print: (l: string) => void): Promise<void> };
    await mod.run((line) => console.log(line));
  }
}

void main();
