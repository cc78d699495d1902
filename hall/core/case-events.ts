import type { HeldEvent } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';

/** All windows' events of these streams, in receipt order (what a routed window replicates). */
export async function streamEvents(tx: SqlRunner, streams: readonly string[]): Promise<HeldEvent[]> {
  if (streams.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    workstation: string;
    ws_seq: number;
    stream: string;
    stream_seq: number;
    type: string;
    payload: string;
    actor: string | null;
    at: string;
    prev_hash: string;
    hash: string;
  }>(
    'SELECT id, workstation, ws_seq, stream, stream_seq, type, payload, actor, at, prev_hash, hash FROM events WHERE stream = ANY($1::varchar[]) ORDER BY receipt',
    [[...new Set(streams)]],
  );
  return rows.map((r) => ({
    workstationId: r.workstation,
    id: r.id,
    seq: Number(r.ws_seq),
    stream: r.stream,
    streamSeq: Number(r.stream_seq),
    type: r.type,
    payload: r.payload,
    actor: r.actor,
    at: r.at,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Reads a payload field without trusting the payload's shape (event schemas are validated elsewhere). */
export function field(payload: Record<string, unknown>, key: string): string | null {
  const v = payload[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function parsePayload(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
