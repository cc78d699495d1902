import { HEADER, pushRequest, type EventResult, type WireEvent } from '../../electron/sync/wire';
import { hmac, requestCanonical, responseCanonical, sha256Hex, signatureMatches } from '../../electron/sync/signing';
import type { Sql } from '../../hall/store/sql';
import type { Answer } from './forward';

/**
 * Refusals the test platform makes itself, in front of the hall, to model platforms that are not
 * a hall: a business rule a payload breaks (`eventRule`, test-only) and a provincial platform that
 * keys positions by stream alone, so a second window's event of a case is POSITION_TAKEN. The
 * refused events are taken out of the batch, the rest goes on to the hall re-signed with the
 * window's own secret, nonce and timestamp (the hall still checks those), and the answer is merged
 * back into the batch's order and signed again for the window.
 */
export type EventRule = (event: WireEvent, workstation: string) => string | null;

export interface LocalRules {
  eventRule?: EventRule;
  /** Refuse an event at a position another window already holds of the same stream. */
  positionsByStream?: boolean;
}

export interface Split {
  events: WireEvent[];
  refused: Map<number, EventResult>;
  secret: string;
  nonce: string;
  timestamp: number;
}

/** The batch with what the rules refuse; null when nothing is refused or the request is not a well-signed batch. */
export async function splitBatch(
  sql: Sql,
  rules: LocalRules,
  headers: Record<string, string>,
  path: string,
  body: Uint8Array,
): Promise<Split | null> {
  if (!rules.eventRule && !rules.positionsByStream) return null;
  const workstation = headers[HEADER.workstation];
  const nonce = headers[HEADER.nonce];
  const signature = headers[HEADER.signature];
  const timestamp = Number(headers[HEADER.timestamp]);
  if (!workstation || !nonce || !signature || !Number.isFinite(timestamp)) return null;
  const [row] = await sql.query<{ secret: string }>('SELECT secret FROM workstations WHERE id = $1', [workstation]);
  const canonical = requestCanonical({ workstationId: workstation, method: 'POST', path, timestamp, nonce, bodySha256: sha256Hex(body) });
  // Only a request the hall would authenticate is opened; anything else goes on untouched.
  if (!row || !signatureMatches(row.secret, canonical, signature)) return null;
  const parsed = pushRequest.safeParse(parseJson(body));
  if (!parsed.success) return null;
  const events = parsed.data.events;
  const held = new Set(
    (await sql.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::varchar[])', [events.map((e) => e.id)])).map((r) => r.id),
  );
  const othersHold = new Map<string, number>();
  if (rules.positionsByStream)
    for (const r of await sql.query<{ stream: string; n: number }>(
      'SELECT stream, MAX(stream_seq)::int AS n FROM events WHERE stream = ANY($1::varchar[]) AND workstation <> $2 GROUP BY stream',
      [[...new Set(events.map((e) => e.stream))], workstation],
    ))
      othersHold.set(r.stream, r.n);
  const refused = new Map<number, EventResult>();
  events.forEach((e, i) => {
    if (held.has(e.id)) return; // a repeat is the hall's to answer with its first result
    if ((othersHold.get(e.stream) ?? 0) >= e.streamSeq) {
      refused.set(i, {
        id: e.id,
        status: 'invalid',
        code: 'POSITION_TAKEN',
        message: `平台上该办件已有第 ${e.streamSeq} 条事件（可能由其他窗口提交），需人工核对`,
      });
      return;
    }
    const broken = rules.eventRule?.(e, workstation);
    if (broken) refused.set(i, { id: e.id, status: 'invalid', code: 'RULE', message: broken });
  });
  if (refused.size === 0) return null;
  return { events: events.filter((_, i) => !refused.has(i)), refused, secret: row.secret, nonce, timestamp };
}

/** The remaining batch as the window would have signed it. */
export function remainingRequest(
  split: Split,
  headers: Record<string, string>,
  path: string,
): { headers: Record<string, string>; body: Uint8Array } {
  const body = new TextEncoder().encode(JSON.stringify({ events: split.events }));
  const workstationId = headers[HEADER.workstation] ?? '';
  const canonical = requestCanonical({
    workstationId,
    method: 'POST',
    path,
    timestamp: split.timestamp,
    nonce: split.nonce,
    bodySha256: sha256Hex(body),
  });
  return { headers: { ...headers, [HEADER.signature]: hmac(split.secret, canonical) }, body };
}

/** The hall's answer for the remaining events merged with the refusals, signed for the window. */
export function mergedAnswer(split: Split, total: number, hall: Answer | null, platformTime: number): Answer {
  if (hall && hall.status !== 200) return hall; // the whole batch was refused (auth, clock): already signed
  const hallResults = hall ? ((parseJson(hall.body) as { results?: EventResult[] } | undefined)?.results ?? []) : [];
  let next = 0;
  const results: EventResult[] = [];
  for (let i = 0; i < total; i++) {
    const own = split.refused.get(i);
    const fromHall = own ? undefined : hallResults[next++];
    if (own) results.push(own);
    else if (fromHall) results.push(fromHall);
  }
  const body = new TextEncoder().encode(JSON.stringify({ results }));
  const time = hall ? Number(hall.headers[HEADER.platformTime] ?? platformTime) : platformTime;
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      [HEADER.platformTime]: String(time),
      [HEADER.signature]: hmac(
        split.secret,
        responseCanonical({ nonce: split.nonce, status: 200, platformTime: time, bodySha256: sha256Hex(body) }),
      ),
    },
    body,
  };
}

export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch {
    return undefined;
  }
}
