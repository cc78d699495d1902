import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/store/migrations';

describe('migration data tests', () => {
  it('exist for every migration (NNNN_name.test.ts beside this file)', () => {
    const file = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name.replaceAll('-', '_')}.test.ts`;
    expect(migrations.map(file).filter((f) => !existsSync(join(import.meta.dirname, f)))).toEqual([]);
  });
});
