/** Bounded waits for reader events: a test that would hang fails instead. */
import type { IdCardReader, IdCardReaderEvents } from '../../../electron/devices/idcard/reader';

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
