import type { SqlRunner } from '../store/sql';
import type { Publication } from './feed';

/**
 * Hall-wide 办件编号: one counter per prefix (`<hallCode>-<year>-`) in the database, blocks of
 * BLOCK_SIZE taken from it under the counter row's lock, so two windows never get overlapping
 * numbers and a block is never issued twice.
 */
export const BLOCK_SIZE = 1000;

export async function issueBlock(
  tx: SqlRunner,
  workstation: string,
  hallCode: string,
  now: Date,
  size = BLOCK_SIZE,
): Promise<Publication & { item: { kind: 'case-number-block'; prefix: string; first: number; last: number } }> {
  const prefix = `${hallCode}-${now.getUTCFullYear()}-`;
  await tx.query('INSERT INTO case_number_counters (prefix, next_number) VALUES ($1, 1) ON CONFLICT (prefix) DO NOTHING', [prefix]);
  const [row] = await tx.query<{ next_number: number }>(
    'UPDATE case_number_counters SET next_number = next_number + $2 WHERE prefix = $1 RETURNING next_number',
    [prefix, size],
  );
  const last = Number(row?.next_number ?? size + 1) - 1;
  const first = last - size + 1;
  await tx.query('INSERT INTO case_number_blocks (prefix, first_number, last_number, workstation, issued_at) VALUES ($1, $2, $3, $4, $5)', [
    prefix,
    first,
    last,
    workstation,
    now.toISOString(),
  ]);
  return { item: { kind: 'case-number-block', prefix, first, last }, workstation };
}
