import type { Checkpoint } from '../../electron/sync/wire';
import type { Sql } from '../store/sql';

/** Journal checkpoints (protocol section 8): the first head per seq is kept; a different later one is reported. */
export async function addCheckpoint(
  sql: Sql,
  workstation: string,
  c: Checkpoint,
  receivedAt: string,
): Promise<{ seq: number; matches: boolean }> {
  await sql.query(
    'INSERT INTO checkpoints (workstation, seq, count, head, at, received_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
    [workstation, c.seq, c.count, c.head, c.at, receivedAt],
  );
  const [held] = await sql.query<{ head: string }>('SELECT head FROM checkpoints WHERE workstation = $1 AND seq = $2', [
    workstation,
    c.seq,
  ]);
  return { seq: c.seq, matches: held?.head === c.head };
}

export async function latestCheckpoint(sql: Sql, workstation: string): Promise<(Checkpoint & { receivedAt: string }) | null> {
  const [row] = await sql.query<{ seq: number; count: number; head: string; at: string; received_at: string }>(
    'SELECT seq, count, head, at, received_at FROM checkpoints WHERE workstation = $1 ORDER BY seq DESC LIMIT 1',
    [workstation],
  );
  return row ? { seq: Number(row.seq), count: Number(row.count), head: row.head, at: row.at, receivedAt: row.received_at } : null;
}

/** What the hall holds of this window's stream (positions are per window: protocol 9.3). */
export async function streamState(
  sql: Sql,
  workstation: string,
  stream: string,
): Promise<{ stream: string; checkpoint: number; lastEventId: string | null; lastReceivedAt: string | null }> {
  const [row] = await sql.query<{ checkpoint: number; last_event_id: string | null; last_received_at: string | null }>(
    'SELECT checkpoint, last_event_id, last_received_at FROM streams WHERE workstation = $1 AND stream = $2',
    [workstation, stream],
  );
  return {
    stream,
    checkpoint: Number(row?.checkpoint ?? 0),
    lastEventId: row?.last_event_id ?? null,
    lastReceivedAt: row?.last_received_at ?? null,
  };
}
