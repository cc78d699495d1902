import type { EventName, MethodName } from '../../shared/api';

/**
 * What the applicant display may do: it sits facing the public, so it gets its own capability
 * rather than the clerk's. It calls only these methods and hears only these events — which carry
 * masked names only; card reads (full ID numbers), cases, sync and sessions never reach it.
 */
export const DISPLAY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['system.info', 'ratings.pending', 'ratings.submit']);
export const DISPLAY_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'display.update',
  'display.clear',
  'ratings.prompt',
  'settings.changed',
]);

export function isDisplayMethod(method: string): boolean {
  return DISPLAY_METHODS.has(method as MethodName);
}

/** The display's copy of a result: the data directory is none of the display's business. */
export function displayResult(method: string, result: unknown): unknown {
  if (method === 'system.info' && typeof result === 'object' && result !== null) return { ...result, dataDir: '' };
  return result;
}

/** The server-sent frame the display may receive for an event, or null when it is withheld. */
export function displayEventFrame(event: string, payload: unknown): string | null {
  if (!DISPLAY_EVENTS.has(event as EventName)) return null;
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}
