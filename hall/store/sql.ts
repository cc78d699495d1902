/**
 * The hall's one door to its database: PostgreSQL through `pg` (production, openGauss /
 * KingbaseES-compatible SQL) or PGlite (PostgreSQL compiled to WASM, embedded, data in a
 * directory) so `npm run hall` works on a fresh machine. Both speak the same SQL; the rest of
 * the hall sees only this interface.
 */
export type SqlParam = string | number | boolean | null | bigint | Uint8Array | readonly string[] | readonly number[];

export interface SqlRunner {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
}

export interface Sql extends SqlRunner {
  readonly engine: 'postgresql' | 'pglite';
  /** One transaction; retried from the start on a serialization failure or deadlock. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel`; the returned function stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** SQLSTATEs a transaction is simply retried on: serialization failure, deadlock, unique race. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

export function retryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * The connection was lost (database restarting, admin shutdown, network): retried for a few
 * seconds. A transaction whose COMMIT answer was lost may run again; every hall write is
 * idempotent (event ids, ON CONFLICT, offsets), so the second run changes nothing.
 */
export function connectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || code.startsWith('57P') || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE')
  )
    return true;
  return /Connection terminated|connection.*closed|not queryable/i.test((err as Error | null)?.message ?? '');
}

export async function withRetries<T>(attempt: () => Promise<T>, times = 8): Promise<T> {
  let lost = 0;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (connectionLost(err) && lost++ < 40) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (i + 1 >= times || !retryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}
