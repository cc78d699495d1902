import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHallDatabase } from '../../hall/store/open';
import { freshPostgres } from '../../hall/test/helpers';
import type { Sql } from '../../hall/store/sql';

/**
 * Hall databases for the test platform without paying PGlite's start for each test: creating a
 * PGlite database and migrating it takes seconds, so one migrated template directory is made per
 * migration set (kept in the temp directory, shared by every test process), copied once per
 * process, and handed out from a small pool. A returned database is emptied back to its migrated
 * state (every table truncated, the rows the migrations seeded put back) before its next use.
 */
export interface HallDatabase {
  sql: Sql;
  /** Gives the database back (pooled) or closes it (one the caller named). */
  release(): Promise<void>;
}

interface Pooled {
  sql: Sql;
  /** The rows of each table right after migration (e.g. the feed head). */
  seeded: Map<string, unknown[]>;
}

const pool: Pooled[] = [];
const copies: string[] = [];
process.once('exit', () => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/**
 * `database`: a PGlite directory or a postgres:// URL to use as is; absent: an empty database —
 * a fresh one on the PostgreSQL server ONEWINDOW_PLATFORM_PG names (dropped on release; the sync
 * suite on PostgreSQL), else a pooled PGlite.
 */
export async function acquireHallDatabase(database?: string): Promise<HallDatabase> {
  if (database) {
    const sql = await openHallDatabase(database);
    return { sql, release: () => sql.close() };
  }
  const server = process.env.ONEWINDOW_PLATFORM_PG;
  if (server) {
    const fresh = await freshPostgres(server);
    const sql = await openHallDatabase(fresh.url);
    return {
      sql,
      release: async () => {
        await sql.close();
        await fresh.drop();
      },
    };
  }
  const reused = pool.pop();
  const entry = reused ?? (await freshCopy());
  if (reused) await emptied(reused);
  return {
    sql: entry.sql,
    release: () => {
      pool.push(entry);
      return Promise.resolve();
    },
  };
}

function templateDir(): string {
  const migrations = readFileSync(join(import.meta.dirname, '../../hall/store/migrations.ts'));
  return join(tmpdir(), `onewindow-hall-template-${createHash('sha256').update(migrations).digest('hex').slice(0, 16)}`);
}

async function freshCopy(): Promise<Pooled> {
  const template = templateDir();
  if (!existsSync(template)) {
    // Built aside and renamed into place: a parallel process either wins or uses the winner's.
    const building = `${template}.${randomUUID()}`;
    const sql = await openHallDatabase(building);
    await sql.close();
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'ow-platform-hall-'));
  copies.push(copy);
  cpSync(template, copy, { recursive: true });
  const sql = await openHallDatabase(copy);
  const seeded = new Map<string, unknown[]>();
  for (const table of await tablesOf(sql)) seeded.set(table, await sql.query(`SELECT * FROM ${table}`));
  return { sql, seeded };
}

async function tablesOf(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'hall_migrations' ORDER BY tablename",
  );
  return rows.map((r) => r.tablename);
}

async function emptied(p: Pooled): Promise<void> {
  await p.sql.transaction(async (tx) => {
    await tx.query(`TRUNCATE ${[...p.seeded.keys()].join(', ')} RESTART IDENTITY`);
    for (const [table, rows] of p.seeded)
      if (rows.length > 0)
        await tx.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(rows)]);
  });
}
