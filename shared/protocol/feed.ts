import { z } from 'zod';
import { windowAssignment } from './enrolment';

/**
 * Feed items and requests the hall adds (docs/platform-protocol.md section 9). The existing
 * kinds (`routed-case`, `case-number-block`, `elicence`, ...) keep their wire shape from
 * electron/sync/wire.ts; here are the shapes of their `data` as the hall fills it, and the new
 * kinds the workstation's feed schema must accept.
 */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A journal event as the hall holds it: protocol v1's WireEvent plus the window that sent it
 * (kept structural here: shared/ cannot import electron/). A window's `seq`/`streamSeq` are
 * positions in that window's journal; a case's hall-wide history is in receipt order.
 */
export const heldEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  stream: z.string(),
  streamSeq: z.number().int().positive(),
  type: z.string(),
  /** The payload schema's version (shared/journal); from 2 on it is part of the hash. Absent from halls before migration 7: 1. */
  version: z.number().int().positive().optional(),
  payload: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  prevHash: sha256Hex,
  hash: sha256Hex,
  /** The window whose journal holds this event (positions are per window: section 9.3). */
  workstationId: z.string().optional(),
});
export type HeldEvent = z.infer<typeof heldEvent>;

/**
 * Why a case reached this window:
 * - `review`: accepted at a counter, routed to its department's back office (分类审批);
 * - `decided`: the back office decided or signed; back to the accepting (holding) window;
 * - `issue`: ready for 出件, routed to the hall's issuing windows (统一出件);
 * - `hand-over`: another window handed the case to this one; this window now holds it.
 */
export const ROUTE_REASONS = ['review', 'decided', 'issue', 'hand-over'] as const;
export const routeReason = z.enum(ROUTE_REASONS);
export type RouteReason = z.infer<typeof routeReason>;

/**
 * `data` of a `routed-case` feed item. `events` are all windows' events of the case stream and
 * of the application and project streams its `case.accepted` names, in receipt order (each
 * checkable with eventHash): the target window replicates the case into its projections and
 * journals its own events of the case from its own position 1. Blobs the events reference are
 * fetched with `GET /v1/blobs/<sha256>`. A later routing of the same case replaces the earlier
 * one (routed_cases is keyed by case id), so the newest reason and events win.
 */
export const routedCaseData = z.object({
  reason: routeReason,
  routeId: z.string(),
  caseNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  department: z.string().nullable(),
  /** Window that accepted the case (first event of the stream). */
  acceptedBy: z.string().nullable(),
  /** Window that holds the case now (accepting window, or the target of the last hand-over). */
  holder: z.string().nullable(),
  fromWorkstation: z.string().nullable(),
  /** Hand-over only: the reason the handing clerk gave. */
  note: z.string().nullable(),
  events: z.array(heldEvent),
});
export type RoutedCaseData = z.infer<typeof routedCaseData>;

/** What the hall knows of one case of a project (one stage). */
export const libraryCase = z.object({
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  department: z.string().nullable(),
  status: z.string(),
  acceptedBy: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  decision: z.string().nullable(),
  completedOn: z.string().nullable(),
  documentNumber: z.string().nullable(),
  elicenceId: z.string().nullable(),
});
export type LibraryCase = z.infer<typeof libraryCase>;

/** A material the project already holds (received at any window), reusable by later stages. */
export const libraryMaterial = z.object({
  caseId: z.string(),
  /** The material reference exactly as the accepting window journalled it (case.accepted `materials[i]`). */
  ref: z.unknown(),
  blobRefs: z.array(sha256Hex),
  receivedAt: z.string(),
});
export type LibraryMaterial = z.infer<typeof libraryMaterial>;

export const libraryLicence = z.object({
  identifier: z.string(),
  caseId: z.string().nullable(),
  licenceType: z.string().nullable(),
  validUntil: z.string().nullable(),
  documentNumber: z.string().nullable(),
});

/**
 * New feed kind `project-library`: everything the hall holds of a project (一个项目，任一窗口).
 * `version` rises with every change; the workstation keeps the highest it has applied and
 * ignores a lower one (the feed is at-least-once). `events`: every event of the project's
 * `project:<projectId>`, `application:<id>` and `case:<id>` streams, in receipt order.
 */
export const projectLibraryItem = z.object({
  kind: z.literal('project-library'),
  projectCode: z.string().min(1),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  cases: z.array(libraryCase),
  materials: z.array(libraryMaterial),
  licences: z.array(libraryLicence),
  events: z.array(heldEvent),
});
export type ProjectLibraryItem = z.infer<typeof projectLibraryItem>;

/** New feed kind `window-assignment`: the admin changed this window's role, department or name. */
export const windowAssignmentItem = z.object({ kind: z.literal('window-assignment'), updatedAt: z.string() }).and(windowAssignment);
export type WindowAssignmentItem = z.infer<typeof windowAssignmentItem>;

/** `POST /v1/project-requests` `{ projectCode }` → `{ queued }`: publish the project's library to me and keep me subscribed. */
export const projectRequest = z.object({ projectCode: z.string().min(1).max(100) }).strict();
export const projectRequestResult = z.object({ queued: z.number().int().nonnegative() });

/**
 * `POST /v1/handovers` `{ caseId, toWorkstation, note }` → `{ handoverId, holder }`.
 * Only the holding window (or the hall admin) hands a case over. Journaled on the hall
 * (`hall:handover` stream); the target receives a `routed-case` with reason `hand-over`.
 * Idempotent by `handoverId` chosen by the workstation.
 */
export const handoverRequest = z
  .object({
    handoverId: z.string().uuid(),
    caseId: z.string().min(1).max(100),
    toWorkstation: z.string().min(1).max(100),
    note: z.string().max(200).nullable(),
  })
  .strict();
export type HandoverRequest = z.infer<typeof handoverRequest>;
export const handoverResult = z.object({ handoverId: z.string(), caseId: z.string(), holder: z.string(), handedAt: z.string() });

/** `GET /v1/windows` → the hall's windows a clerk may hand a case to. */
export const hallWindow = z.object({ workstationId: z.string(), online: z.boolean() }).and(windowAssignment);
export const hallWindows = z.object({ windows: z.array(hallWindow) });
export type HallWindow = z.infer<typeof hallWindow>;

/** `POST /v1/case-number-block-requests` `{}` → `{ queued }`: the window is running low; the hall publishes another block. */
export const caseNumberBlockRequestResult = z.object({
  queued: z.number().int().nonnegative(),
  prefix: z.string(),
  first: z.number().int(),
  last: z.number().int(),
});

/**
 * Push channel `GET /v1/feed/stream` (signed like every request): Server-Sent Events, one
 * `event: pull` with `data: {"seq":<feed seq>}` whenever an item for this window (or everyone)
 * is published, and a `: keep-alive` comment every 15 s. A hint only: the workstation then pulls
 * the feed as usual; nothing in the stream is data to apply, so it is not signed per event.
 */
export const pushHint = z.object({ seq: z.number().int().nonnegative() });
