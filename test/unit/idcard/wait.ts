/** Bounded waits for reader events: a test that would hang fails instead. */
import type { IdCardReader, IdCardReaderEvents } from '../../../electron/devices/idcard/reader';
import { SAM } from '../../../electron/devices/idcard/sam-protocol';
import type { SamSimulator } from '../../../electron/devices/idcard/simulator/sam-simulator';

export function nextEvent<K extends keyof IdCardReaderEvents>(
  reader: IdCardReader,
  event: K,
  predicate: (payload: IdCardReaderEvents[K]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<IdCardReaderEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching '${String(event)}' event within ${timeoutMs} ms (status: ${JSON.stringify(reader.status())})`));
    }, timeoutMs);
    const off = reader.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

export function collect<K extends keyof IdCardReaderEvents>(reader: IdCardReader, event: K): IdCardReaderEvents[K][] {
  const seen: IdCardReaderEvents[K][] = [];
  reader.on(event, (payload) => seen.push(payload));
  return seen;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the simulated SAM has received `n` more find-card polls. After a lift, the
 * second poll proves the reader has handled the first one's "no card" reply (it sends one
 * request at a time), so tests wait on the poller itself, not on the clock.
 */
export function findPolls(sim: SamSimulator, n: number, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const previous = sim.onRequest;
    let seen = 0;
    const restore = (): void => {
      sim.onRequest = previous;
    };
    const timer = setTimeout(() => {
      restore();
      reject(new Error(`the reader sent ${seen} of ${n} find-card polls within ${timeoutMs} ms`));
    }, timeoutMs);
    sim.onRequest = (request) => {
      previous?.(request);
      if (request.cmd !== SAM.findCard[0] || request.para !== SAM.findCard[1]) return;
      if (++seen < n) return;
      clearTimeout(timer);
      restore();
      resolve();
    };
  });
}

/** Waits (bounded) until a condition on observable state holds. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
