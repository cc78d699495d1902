/**
 * UTC+8 lives in one file (shared/domain/time/shanghai.ts). Anywhere else, a fixed eight-hour
 * offset, the PC's zone offset or a Date local getter/locale formatter would make a date follow
 * the PC (imaged machines run UTC) — this scan keeps them out of electron/, renderer/ and shared/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const ALLOWED = new Set([
  'shared/domain/time/shanghai.ts',
  // getYear/getMonth/getDay of a tyme4ts SolarDay (a civil date), not of a Date.
  'shared/domain/calendar/provisional-year.ts',
]);
const FORBIDDEN: [RegExp, string][] = [
  [/\b8\s*\*\s*3_?600(\s*\*\s*1_?000|_?000)\b|\b8\s*\*\s*60\s*\*\s*60\b|\b28_?800_?000\b|\b28_?800\b/, 'a fixed eight-hour offset'],
  [/getTimezoneOffset\s*\(/, 'the PC’s zone offset'],
  [/\.toLocale(Date|Time)?String\s*\(/, 'a locale formatter (follows the PC’s zone)'],
  [/\.get(FullYear|Month|Date|Day|Hours|Minutes)\s*\(\)/, 'a Date local getter'],
];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.includes('node_modules'));
}

describe('one civil time zone', () => {
  it('keeps UTC+8 arithmetic and PC-zone reads out of every file but shanghai.ts', () => {
    const found: string[] = [];
    for (const file of ['electron', 'renderer/src', 'shared'].flatMap(sources)) {
      if (ALLOWED.has(file)) continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const [pattern, what] of FORBIDDEN) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`);
        });
    }
    expect(found).toEqual([]);
  });
});
