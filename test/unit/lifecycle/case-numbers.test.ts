import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPlatformBlock, allocateCaseNumber, localPrefix } from '../../../electron/cases/case-numbers';
import { openDatabase, type Db } from '../../../electron/store/database';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ow-numbers-'));
  db = openDatabase(join(dir, 'test.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const W12 = { hallCode: '3301-06', windowNumber: '12号' };

describe('case numbers', () => {
  it('opens a local block per window and year, ASCII only, and counts forward', () => {
    expect(localPrefix(W12, '2026-03-02')).toBe('330106W12-2026-');
    expect(allocateCaseNumber(db, '2026-03-02', W12)).toBe('330106W12-2026-000001');
    expect(allocateCaseNumber(db, '2026-03-02', W12)).toBe('330106W12-2026-000002');
    expect(allocateCaseNumber(db, '2027-01-04', W12)).toBe('330106W12-2027-000001');
  });

  it('never hands out a committed number again, and a rolled-back acceptance leaves no trace', () => {
    const first = db.transaction(() => allocateCaseNumber(db, '2026-03-02', W12))();
    expect(() =>
      db.transaction(() => {
        allocateCaseNumber(db, '2026-03-02', W12);
        throw new Error('acceptance failed');
      })(),
    ).toThrow('acceptance failed');
    const next = allocateCaseNumber(db, '2026-03-02', W12);
    expect(first).toBe('330106W12-2026-000001');
    expect(next).toBe('330106W12-2026-000002');
  });

  it('uses platform blocks first, then falls back to the local block when they run out', () => {
    addPlatformBlock(db, { prefix: 'ZJ0106-', first: 500, last: 501 }, '2026-03-01');
    expect(allocateCaseNumber(db, '2026-03-02', W12)).toBe('ZJ0106-000500');
    expect(allocateCaseNumber(db, '2026-03-02', W12)).toBe('ZJ0106-000501');
    expect(allocateCaseNumber(db, '2026-03-02', W12)).toBe('330106W12-2026-000001');
    expect(() => addPlatformBlock(db, { prefix: '号段', first: 2, last: 1 }, '2026-03-01')).toThrow(/号段格式不正确/);
  });
});
