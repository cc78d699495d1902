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
    version: number;
    payload: string;
    actor: string | null;
    at: string;
    prev_hash: string;
    hash: string;
  }>(
    'SELECT id, workstation, ws_seq, stream, stream_seq, type, version, payload, actor, at, prev_hash, hash FROM events WHERE stream = ANY($1::varchar[]) ORDER BY receipt',
    [[...new Set(streams)]],
  );
  return rows.map((r) => ({
    workstationId: r.workstation,
    id: r.id,
    seq: Number(r.ws_seq),
    stream: r.stream,
    streamSeq: Number(r.stream_seq),
    type: r.type,
    version: Number(r.version),
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

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * An event's payload parsed once per pushed event and shared by every reader of the batch —
 * the schema check at the door, blob references, the bulk acceptance and routing — where each
 * used to parse the text again. Keyed by the event object, so it lives as long as the request's
 * events; readers only read it (zod returns new values, routing copies fields).
 */
const parsedPayloads = new WeakMap<object, unknown>();

/** The payload text as JSON; text that is not JSON is `undefined` (a value no schema accepts). */
export function payloadValue(e: { readonly payload: string }): unknown {
  if (parsedPayloads.has(e)) return parsedPayloads.get(e);
  const v = parseJsonText(e.payload);
  parsedPayloads.set(e, v);
  return v;
}

/** The payload as an object for field reads ({} when it is not one). */
export function payloadOf(e: { readonly payload: string }): Record<string, unknown> {
  return asObject(payloadValue(e));
}
