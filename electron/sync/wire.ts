import { z } from 'zod';
import { projectLibraryItem, windowAssignmentItem } from '../../shared/protocol/feed';

/**
 * The workstation-platform protocol v1 on the wire (docs/platform-protocol.md). Both the relay
 * and the reference platform parse with these schemas, so a drift is a compile or parse error.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_EVENTS_PER_BATCH = 500;
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export const HEADER = {
  workstation: 'x-ow-workstation',
  timestamp: 'x-ow-timestamp',
  nonce: 'x-ow-nonce',
  signature: 'x-ow-signature',
  platformTime: 'x-ow-platform-time',
  offset: 'x-ow-offset',
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const wireEvent = z.object({
  id: z.string().min(1).max(100),
  /** The workstation's journal seq: evidence of local order, used for the journal digest. */
  seq: z.number().int().positive(),
  stream: z.string().min(1).max(200),
  streamSeq: z.number().int().positive(),
  type: z.string().min(1).max(100),
  /** The version of the type's payload schema (shared/journal); absent from older workstations: 1. */
  version: z.number().int().positive().optional(),
  /** The payload JSON text exactly as journalled, so the platform can recompute the hash. */
  payload: z.string().max(1_000_000),
  actor: z.string().nullable(),
  at: z.string().min(1),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type WireEvent = z.infer<typeof wireEvent>;

export const pushRequest = z.object({ events: z.array(wireEvent).min(1).max(MAX_EVENTS_PER_BATCH) });
export type PushRequest = z.infer<typeof pushRequest>;

export const eventResult = z.discriminatedUnion('status', [
  z.object({
    id: z.string(),
    status: z.literal('accepted'),
    receipt: z.string(),
    receivedAt: z.string(),
    /** True when this is the first result returned again for a repeated id. */
    repeated: z.boolean(),
  }),
  z.object({ id: z.string(), status: z.literal('gap'), stream: z.string(), checkpoint: z.number().int().nonnegative() }),
  z.object({ id: z.string(), status: z.literal('invalid'), code: z.string(), message: z.string() }),
]);
export type EventResult = z.infer<typeof eventResult>;

export const pushResponse = z.object({ results: z.array(eventResult) });
export type PushResponse = z.infer<typeof pushResponse>;

export const blobStateRequest = z.object({ size: z.number().int().nonnegative() });
export const blobState = z.object({
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type BlobState = z.infer<typeof blobState>;

const jsonValue = z.unknown();

const v1FeedItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('catalog'), version: z.string().min(1), publishedAt: z.string(), data: jsonValue }),
  z.object({ kind: z.literal('calendar'), year: z.number().int().min(2000).max(2100), data: jsonValue }),
  z.object({
    kind: z.literal('elicence'),
    holderId: z.string().min(1),
    licenceType: z.string().min(1),
    identifier: z.string().min(1),
    validUntil: z.string().nullable(),
    data: jsonValue,
  }),
  z.object({
    kind: z.literal('case-number-block'),
    prefix: z.string().min(1),
    first: z.number().int().nonnegative(),
    last: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('routed-case'),
    caseId: z.string().min(1),
    projectCode: z.string().min(1),
    itemCode: z.string().min(1),
    routedAt: z.string(),
    data: jsonValue,
  }),
]);

/** Protocol v1's kinds plus what a hall publishes (section 9: project libraries, window assignments). */
export const feedItem = z.union([v1FeedItem, projectLibraryItem, windowAssignmentItem]);
export type FeedItem = z.infer<typeof feedItem>;
const KNOWN_FEED_KINDS: ReadonlySet<string> = new Set([
  'catalog',
  'calendar',
  'elicence',
  'case-number-block',
  'routed-case',
  'project-library',
  'window-assignment',
]);

/**
 * A kind this release does not know is skipped (the cursor still moves), so a newer platform can
 * publish new kinds without stopping older workstations; a known kind must parse.
 */
const feedItems = z.array(z.unknown()).transform((items, ctx) =>
  items.flatMap((item): FeedItem[] => {
    const kind = typeof item === 'object' && item !== null ? (item as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string' || !KNOWN_FEED_KINDS.has(kind)) return [];
    const parsed = feedItem.safeParse(item);
    if (parsed.success) return [parsed.data];
    ctx.addIssue({ code: 'custom', message: `feed item of kind ${kind} does not parse` });
    return [];
  }),
);

export const feedPage = z.object({ items: feedItems, cursor: z.string(), more: z.boolean() });
export type FeedPage = z.infer<typeof feedPage>;

export const streamState = z.object({
  stream: z.string(),
  checkpoint: z.number().int().nonnegative(),
  lastEventId: z.string().nullable(),
  lastReceivedAt: z.string().nullable(),
});
export type StreamState = z.infer<typeof streamState>;

export const hello = z.object({ protocol: z.number().int(), workstationId: z.string(), platformTime: z.number() });

export const elicenceRequest = z.object({ holderId: z.string().min(1).max(64) });
export const elicenceRequestResult = z.object({ queued: z.number().int().nonnegative() });

/** A checkpoint of the workstation's journal chain head (audit anchor, section 8). */
export const checkpoint = z
  .object({
    seq: z.number().int().nonnegative(),
    count: z.number().int().nonnegative(),
    head: sha256Hex,
    at: z.string().max(40),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpoint>;
/** `matches`: false when the platform already holds a different head for this seq. */
export const checkpointResult = z.object({ seq: z.number().int(), matches: z.boolean() });
export const latestCheckpoint = z.object({ checkpoint: checkpoint.extend({ receivedAt: z.string() }).strict().nullable() });
export type LatestCheckpoint = z.infer<typeof latestCheckpoint>;

export const platformError = z.object({
  code: z.string(),
  message: z.string(),
  offset: z.number().int().nonnegative().optional(),
});
export type PlatformErrorBody = z.infer<typeof platformError>;

/** Refusal codes the platform answers with (HTTP status in brackets). */
export const PLATFORM_CODES = {
  unauthenticated: 'UNAUTHENTICATED', // 401: unknown workstation or bad signature
  clockSkew: 'CLOCK_SKEW', // 401: timestamp outside the window; the response carries platform time
  replay: 'REPLAY', // 401: nonce already seen
  badRequest: 'BAD_REQUEST', // 400
  offsetMismatch: 'OFFSET_MISMATCH', // 409: chunk offset is not the platform's offset
  hashMismatch: 'HASH_MISMATCH', // 422: completed blob does not hash to its name; upload restarted
  resyncRequired: 'RESYNC_REQUIRED', // 410: the cursor is no longer valid; start from an empty cursor
  tooLarge: 'TOO_LARGE', // 413
  notFound: 'NOT_FOUND', // 404
} as const;
