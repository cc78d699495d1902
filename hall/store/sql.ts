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

export async function withRetries<T>(attempt: () => Promise<T>, times = 8): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i + 1 >= times || !retryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}
