import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ApiClient, EventName } from '../../../shared/api';

/**
 * Which cached reads each Node-side event makes stale, by method-name prefix (query keys are
 * `[method, input]`, see hooks.ts). Screens do not refetch by hand after a change: the Node
 * side announces it, and whatever is on screen reads again.
 */
export const STALE_ON: Partial<Record<EventName, readonly string[]>> = {
  'session.changed': ['session.'],
  // A case moved: lists, boards, figures, signing queues follow it. Not documents.render: an
  // open preview keeps the paper the clerk is checking (it renders again when reopened).
  'cases.changed': ['cases.', 'supervision.', 'stats.', 'signing.', 'ratings.', 'documents.available', 'sync.caseState'],
  'settings.changed': ['settings.', 'devices.', 'capture.scanners', 'idcard.', 'documents.printers', 'session.departments'],
  // Due dates moved: everything that shows one.
  'calendar.changed': ['calendar.', 'cases.', 'supervision.', 'stats.'],
  // "Today" moved on a test or training clock: everything counted from it.
  'system.clock.changed': ['system.info', 'calendar.', 'supervision.', 'stats.', 'ratings.'],
  'ratings.changed': ['ratings.'],
};

/** Events whose payload is the whole current state: the cache takes it as is, no read needed. */
const STATE_OF: { [E in EventName]?: QueryKey } = {
  'devices.changed': ['devices.status', {}],
  'sync.status': ['sync.status', {}],
};

export function matchesPrefix(key: QueryKey, prefixes: readonly string[]): boolean {
  const method = key[0];
  return typeof method === 'string' && prefixes.some((p) => method.startsWith(p));
}

/** Subscribes the cache to every event above through the client's `on`; returns the unsubscribe. */
export function followNodeEvents(qc: QueryClient, on: ApiClient['on']): () => void {
  const offs: (() => void)[] = [];
  for (const [event, prefixes] of Object.entries(STALE_ON) as [EventName, readonly string[]][]) {
    offs.push(on(event, () => void qc.invalidateQueries({ predicate: (q) => matchesPrefix(q.queryKey, prefixes) })));
  }
  for (const [event, key] of Object.entries(STATE_OF) as [EventName, QueryKey][]) {
    offs.push(on(event, (payload: unknown) => qc.setQueryData(key, payload)));
  }
  return () => offs.forEach((off) => off());
}

/**
 * The applicant display's window: a rating prompt goes into the cache under ratings.pending, where
 * the display reads it. Subscribed at start-up (main.tsx), before the display's own code has
 * arrived, and the display also reads ratings.pending when it mounts: a prompt sent while the
 * display was loading is not lost.
 */
export function followDisplayEvents(qc: QueryClient, on: ApiClient['on']): () => void {
  return on('ratings.prompt', (visit) => qc.setQueryData(['ratings.pending', {}], { visit }));
}
