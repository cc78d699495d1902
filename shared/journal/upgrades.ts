/**
 * Payload migrations: every older version of an event type keeps its payload schema here, with
 * the step that lifts it one version up. Stored events are never rewritten (the journal is
 * hash-chained and append-only); readers lift them on read with `upgradeEvent`.
 *
 * To change an event type in a way that is not additive (a new required field, a removed or
 * retyped field), raise its version in its family file, move the old payload schema here with
 * an `up` step, add a stored old event to test/fixtures/journal, and refresh the snapshot.
 */
import { z } from 'zod';
import { Day } from './common';

export interface PayloadUpgrade {
  type: string;
  /** The version this step reads; it returns a payload of version `from + 1`. */
  from: number;
  payload: z.ZodObject;
  up(payload: Record<string, unknown>, event: { stream: string }): Record<string, unknown>;
}

/** The id after `case:` in a case stream name. */
function caseIdOf(stream: string): string {
  return stream.startsWith('case:') ? stream.slice('case:'.length) : '';
}

export const PAYLOAD_UPGRADES: readonly PayloadUpgrade[] = [
  // v1 named the case only by number; every other case event carries caseId, and the hall
  // routes by it. The stream name holds it.
  {
    type: 'case.deadline-recomputed',
    from: 1,
    payload: z.object({ caseNumber: z.string(), from: Day.nullable(), to: Day.nullable(), reason: z.string() }),
    up: (payload, event) => ({ caseId: caseIdOf(event.stream), ...payload }),
  },
];
