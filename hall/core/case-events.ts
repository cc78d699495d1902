import type { HeldEvent } from '../../shared/protocol';
import type { SqlRunner } from '../store/sql';

/** A case or project stream as the hall holds it, in stream order (what a routed window replicates). */
export async function streamEvents(tx: SqlRunner, stream: string): Promise<HeldEvent[]> {
  const rows = await tx.query<{ id: string; ws_seq: number; stream: string; stream_seq: number; type: string; payload: string; actor: string | null; at: string; prev_hash: string; hash: string }>(
    'SELECT id, ws_seq, stream, stream_seq, type, payload, actor, at, prev_hash, hash FROM events WHERE stream = $1 ORDER BY stream_seq',
    [stream],
  );
  return rows.map((r) => ({
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
