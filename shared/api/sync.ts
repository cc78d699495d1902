import { z } from 'zod';
import { Empty, method } from './contract-kit';

export const SyncStatusView = z.object({
  configured: z.boolean(),
  state: z.enum(['not-configured', 'stopped', 'idle', 'sending', 'pulling', 'offline', 'refused']),
  online: z.boolean().nullable(),
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  parked: z.number().int(),
  lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
  lastSuccessAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  clockSkewMs: z.number().nullable(),
  clockWarning: z.string().nullable(),
});
export type SyncStatusView = z.infer<typeof SyncStatusView>;

export const ParkedEventView = z.object({
  eventId: z.string(),
  seq: z.number().int(),
  stream: z.string(),
  streamSeq: z.number().int(),
  type: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  parkedAt: z.string(),
});

export const CaseSyncStateView = z.object({
  stream: z.string(),
  localEvents: z.number().int(),
  sent: z.number().int(),
  platformHoldsUpTo: z.number().int(),
  queued: z.number().int(),
  lastAckedAt: z.string().nullable(),
  problem: z
    .object({ eventId: z.string(), type: z.string(), attempts: z.number().int(), error: z.string().nullable(), parked: z.boolean() })
    .nullable(),
});

export const syncMethods = {
  'sync.status': method({
    input: Empty,
    output: SyncStatusView,
    access: 'user',
    allowWhenLocked: true,
    summary: 'where the workstation stands with the central platform',
  }),
  'sync.now': method({ input: Empty, output: SyncStatusView, access: 'user', summary: 'sync now: wakes the relay (it never blocks work)' }),
  'sync.parked': method({
    input: Empty,
    output: z.array(ParkedEventView),
    access: 'user',
    summary: 'events the platform refused repeatedly, with their errors',
  }),
  'sync.retry': method({
    input: z.object({ eventId: z.string().min(1).max(64).optional() }).strict(),
    output: z.object({ released: z.number().int() }),
    access: ['admin', 'clerk'],
    summary: 'send parked events again (one, or all)',
  }),
  'sync.caseState': method({
    input: z.object({ stream: z.string().min(1).max(128) }).strict(),
    output: CaseSyncStateView,
    access: 'user',
    summary: 'what the platform holds of one case',
  }),
};
