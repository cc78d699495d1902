import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnName, writeXlsx } from '../../../electron/cases/xlsx';

describe('xlsx writer', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  // unzip (Debian package "unzip") checks every CRC and lists the parts a spreadsheet needs.
  it('writes a zip that unzip verifies, with escaped Chinese text and numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-xlsx-'));
    try {
      const file = join(dir, 'stats.xlsx');
      writeFileSync(
        file,
        writeXlsx([
          {
            name: '按部门统计',
            rows: [
              ['部门', '受理件数'],
              ['住建局 <A&B>', 12],
              ['空', null],
            ],
          },
        ]),
      );
      const test = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(test).toContain('No errors detected');
      const parts = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
      expect(parts).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
      ]);
      const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
      expect(sheet).toContain('<c r="B2"><v>12</v></c>');
      expect(sheet).toContain('住建局 &lt;A&amp;B&gt;');
      expect(sheet).not.toContain('B3');
      expect(execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' })).toContain('name="按部门统计"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
