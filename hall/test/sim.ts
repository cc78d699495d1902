import type { PlatformClient } from '../../electron/sync/client';
import type { WireEvent } from '../../electron/sync/wire';
import { acceptCase, type Journal } from './helpers';

/**
 * A simulated window's relay, as electron/sync does it: send the queue in journal order in
 * batches, mark an event sent only on an authentic acknowledgement, retry the same batch after
 * any failure (unreachable hall, 5xx, a killed server, a restarted database). Used by the
 * reliability tests and bench/hall.ts.
 */
export interface SimWindow {
  client: PlatformClient;
  journal: Journal;
}

export interface SimResult {
  events: WireEvent[];
  accepted: number;
  repeated: number;
  failures: number;
  /** ms from send to acknowledgement of each case.accepted batch (acceptance → hall). */
  acceptedAt: Map<string, number>;
}

export function journalCases(w: SimWindow, count: number, department: string, projectPrefix: string): WireEvent[] {
  const out: WireEvent[] = [];
  for (let i = 0; i < count; i++) out.push(...acceptCase(w.journal, { projectCode: `${projectPrefix}-${i}`, department }).events);
  return out;
}

/** `progress.acknowledged` follows the acknowledged events as the relay goes (tests time their faults by it). */
export async function relay(
  w: SimWindow,
  queue: readonly WireEvent[],
  batchSize: number,
  progress: { acknowledged: number } = { acknowledged: 0 },
): Promise<SimResult> {
  const result: SimResult = { events: [...queue], accepted: 0, repeated: 0, failures: 0, acceptedAt: new Map() };
  let next = 0;
  while (next < queue.length) {
    const batch = queue.slice(next, next + batchSize);
    try {
      const answer = await w.client.pushEvents(batch);
      let progressed = 0;
      for (const r of answer.results) {
        if (r.status !== 'accepted') throw new Error(`unexpected ${r.status} ${'code' in r ? r.code : ''}`);
        if (r.repeated) result.repeated++;
        else result.accepted++;
        progressed++;
      }
      const at = Date.now();
      for (const e of batch) if (e.type === 'case.accepted') result.acceptedAt.set(e.stream.slice('case:'.length), at);
      next += progressed;
      progress.acknowledged = next;
    } catch (err) {
      if ((err as Error).message.startsWith('unexpected')) throw err;
      result.failures++;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return result;
}
