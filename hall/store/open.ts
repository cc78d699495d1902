import { migrate } from './migrations';
import { openPglite } from './pglite-engine';
import { openPostgres } from './pg-engine';
import type { Sql } from './sql';

/**
 * Opens the hall database named by `database`: a `postgres://` URL (production), a directory
 * (embedded PGlite), or `memory` (PGlite in memory, tests). Migrates before answering.
 */
export async function openHallDatabase(database: string): Promise<Sql> {
  const sql = /^postgres(ql)?:\/\//.test(database)
    ? await openPostgres(database)
    : await openPglite(database === 'memory' ? null : database);
  await migrate(sql);
  return sql;
}
