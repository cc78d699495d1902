import { PGlite } from '@electric-sql/pglite';
import { withRetries, type Sql, type SqlParam } from './sql';

/**
 * The embedded engine: PostgreSQL compiled to WASM, one process, data in a directory (or in
 * memory for tests when `dataDir` is null). It runs one statement at a time, so transactions
 * are serialised by PGlite itself.
 */
export async function openPglite(dataDir: string | null): Promise<Sql> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const params = (p?: readonly SqlParam[]): unknown[] | undefined => (p ? [...p] : undefined);
  return {
    engine: 'pglite',
    query: async <R extends object>(text: string, p?: readonly SqlParam[]) => (await db.query<R>(text, params(p))).rows,
    transaction: (fn) =>
      withRetries(() =>
        db.transaction((tx) =>
          fn({ query: async <R extends object>(text: string, p?: readonly SqlParam[]) => (await tx.query<R>(text, params(p))).rows }),
        ),
      ),
    async listen(channel, onNotify) {
      const stop = await db.listen(channel, (payload) => onNotify(payload));
      return stop;
    },
    close: () => db.close(),
  };
}

/** The PGlite data directory as a tar.gz (PGlite's own dump), for `npm run hall -- backup`. */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const db = await PGlite.create(dataDir);
  try {
    return await db.dumpDataDir('gzip');
  } finally {
    await db.close();
  }
}
