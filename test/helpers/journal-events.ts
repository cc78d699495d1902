/**
 * Real journal event types with small payloads, for tests about the journal's mechanics (chain,
 * order, sync, damage) rather than any one command. Appends are validated against
 * shared/journal, so tests can no longer journal invented types.
 */
import type { JournalEventInput } from '../../electron/store/journal';

function caseIdOf(stream: string): string {
  return stream.startsWith('case:') ? stream.slice('case:'.length) : stream;
}

/** A step on a case stream; `n` travels as the case number's tail, `note` as the reason. */
export function stepEvent(
  stream: string,
  n: number,
  opts: { note?: string; actor?: string | null; at?: string | undefined } = {},
): JournalEventInput {
  return {
    stream,
    type: 'case.withdrawn',
    payload: { caseId: caseIdOf(stream), caseNumber: `T-${n}`, reason: opts.note ?? '申请人撤回' },
    actor: opts.actor === undefined ? 'clerk-1' : opts.actor,
    ...(opts.at !== undefined ? { at: opts.at } : {}),
  };
}

/** A supplement that hands over material files: its top-level blobRefs must reach the platform first. */
export function materialEvent(stream: string, n: number, blobRefs: string[], actor: string | null = 'clerk-1'): JournalEventInput {
  return {
    stream,
    type: 'case.supplemented',
    payload: {
      caseId: caseIdOf(stream),
      caseNumber: `T-${n}`,
      suppliedOn: '2026-03-02',
      materials: [{ code: 'M-SUP', name: '补正材料', status: 'collected', blobRefs, ref: null }],
      closes: [],
      remaining: [],
      blobRefs,
    },
    actor,
  };
}
