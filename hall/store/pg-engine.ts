import pg from 'pg';
import { withRetries, type Sql, type SqlParam, type SqlRunner } from './sql';

/**
 * PostgreSQL (and engines that speak its protocol) through a `pg` pool. LISTEN holds one
 * dedicated client that reconnects after a database restart, so the push channel survives it.
 */
export async function openPostgres(url: string, poolSize = 20): Promise<Sql> {
  // Idle connections stay for 5 minutes (pg's default is 10 s): a hall's traffic comes in bursts,
  // and each reconnection costs a SCRAM login on both sides, a new backend with cold caches and
  // every statement prepared again — in the middle of the next burst.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 300_000 });
  // A database restart kills idle clients: the pool drops them; nothing else to do.
  pool.on('error', () => undefined);
  // BIGINT comes back as a string by default; every count and seq here fits a JS number.
  pg.types.setTypeParser(20, (v) => Number(v));

  // Every hall statement is a constant text with $n parameters: each connection prepares it once
  // (parse and plan) instead of on every call — per event batch that is a score of statements.
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (!name && names.size < 1_000 && /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text)) {
      name = `hall_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  const run = async <R extends object>(client: pg.Pool | pg.PoolClient, text: string, params?: readonly SqlParam[]): Promise<R[]> => {
    const name = nameOf(text);
    const values = params as unknown[] | undefined;
    return (await (name ? client.query({ name, text, values }) : client.query(text, values))).rows as R[];
  };

  const quiet = new WeakSet<pg.PoolClient>();
  const sql: Sql = {
    engine: 'postgresql',
    query: (text, params) => withRetries(() => run(pool, text, params), 1),
    transaction: <T>(fn: (tx: SqlRunner) => Promise<T>) =>
      withRetries(async () => {
        const client = await pool.connect();
        // A checked-out client whose connection dies emits 'error': the query rejects anyway.
        if (!quiet.has(client)) {
          client.on('error', () => undefined);
          quiet.add(client);
        }
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await fn({ query: (text, params) => run(client, text, params) });
          await client.query('COMMIT');
          return result;
        } catch (err) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true; // the connection died: do not give it back to the pool
          }
          throw err;
        } finally {
          client.release(broken);
        }
      }),
    async listen(channel, onNotify) {
      let stopped = false;
      let client: pg.Client | null = null;
      const connect = async (): Promise<void> => {
        while (!stopped) {
          const c = new pg.Client({ connectionString: url });
          try {
            c.on('error', () => undefined);
            await c.connect();
            c.on('notification', (n) => {
              if (n.channel === channel) onNotify(n.payload ?? '');
            });
            c.on('end', () => {
              if (!stopped) setTimeout(() => void connect(), 250);
            });
            await c.query(`LISTEN ${channel}`);
            client = c;
            // Anything published while we were away is picked up by the caller's own polling.
            onNotify('');
            return;
          } catch {
            await c.end().catch(() => undefined);
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
  return sql;
}
