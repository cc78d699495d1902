import type { EventResult, WireEvent } from '../electron/sync/wire';
import { parseJournalEvent } from '../shared/journal';
import { payloadValue } from './core/case-events';

/**
 * The journal's schema at the hall's door (shared/journal, the same check the workstation made
 * on append): an event whose type, version or payload the hall's program does not know is
 * refused `invalid` with code SCHEMA and a Chinese reason, and never stored — the clerk's IT sees
 * it parked with what to do (usually: bring the hall's and the window's programs to one version).
 */
export function schemaRefusals(events: readonly WireEvent[]): Map<string, EventResult> {
  const refused = new Map<string, EventResult>();
  for (const e of events) {
    const typed = parseJournalEvent({ stream: e.stream, type: e.type, version: e.version, payload: payloadValue(e) });
    if (!typed.ok) refused.set(e.id, { id: e.id, status: 'invalid', code: 'SCHEMA', message: typed.message });
  }
  return refused;
}
