/**
 * The typed, versioned journal: every event type the workstation appends, its current version
 * and its payload schema, as one zod discriminated union on `type`. The workstation validates
 * on append (electron/store/journal.ts); the platform (test/platform, hall/) validates what it
 * receives with `parseJournalEvent`. Change it additively only, or raise a version (upgrades.ts).
 */
import { z } from 'zod';
import { issueDetails } from '../api/issues';
import { applicationEvents } from './application';
import { caseAcceptanceEvents } from './case-acceptance';
import { caseLifecycleEvents } from './case-lifecycle';
import { documentEvents } from './document';
import { preAcceptanceEvents } from './pre-acceptance';
import { projectEvents } from './project';
import { ratingEvents } from './rating';
import { signingEvents } from './signing';
import { PAYLOAD_UPGRADES } from './upgrades';
import { workstationEvents } from './workstation';

export const EVENT_DEFINITIONS = [
  ...projectEvents,
  ...applicationEvents,
  ...caseAcceptanceEvents,
  ...caseLifecycleEvents,
  ...signingEvents,
  ...ratingEvents,
  ...workstationEvents,
  ...documentEvents,
  ...preAcceptanceEvents,
] as const;

type Definition = (typeof EVENT_DEFINITIONS)[number];
export type JournalEventType = Definition['type'];
type SchemaOf<T extends JournalEventType> = Extract<Definition, { type: T }>['payload'];
/** A payload as stored and read (current version). */
export type JournalPayload<T extends JournalEventType> = z.output<SchemaOf<T>>;
/** A payload as a call site writes it. */
export type JournalPayloadInput<T extends JournalEventType> = z.input<SchemaOf<T>>;

/** `{ type, version, payload }` of any event at its current version, narrowed by `type`. */
export type TypedJournalEvent = { [T in JournalEventType]: { type: T; version: number; payload: JournalPayload<T> } }[JournalEventType];

const byType = new Map<string, Definition>(EVENT_DEFINITIONS.map((d) => [d.type, d]));

export function isJournalEventType(type: string): type is JournalEventType {
  return byType.has(type);
}

export function currentVersion(type: JournalEventType): number {
  return byType.get(type)!.version;
}

/** The union itself, for whoever wants to parse `{ type, version, payload }` at current versions. */
export const JournalEventBody = z.discriminatedUnion(
  'type',
  EVENT_DEFINITIONS.map((d) =>
    z.object({ type: z.literal(d.type), version: z.literal(d.version), payload: d.payload }),
  ) as unknown as readonly [
    z.ZodObject<{ type: z.ZodLiteral<string>; version: z.ZodLiteral<number>; payload: z.ZodObject }>,
    ...z.ZodObject<{ type: z.ZodLiteral<string>; version: z.ZodLiteral<number>; payload: z.ZodObject }>[],
  ],
);

/** What a stored or received event gives a reader; `version` absent means 1 (before versions). */
export interface StoredEventBody {
  stream: string;
  type: string;
  version?: number | undefined;
  payload: unknown;
}

export type ParsedJournalEvent = { ok: true; event: TypedJournalEvent } | { ok: false; message: string };

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issueDetails({ issues: issues.slice(0, 3) }, 'file')
    .map((d) => `${d.path}：${d.message}`)
    .join('；');
}

/**
 * Checks one event against its type's schema, lifting an older version to the current one first.
 * The messages are for IT reading a refused sync or a platform log.
 */
export function parseJournalEvent(raw: StoredEventBody): ParsedJournalEvent {
  const def = byType.get(raw.type);
  if (!def) return { ok: false, message: `未知的事件类型“${raw.type}”：请确认工作站与平台的程序版本` };
  let version = raw.version ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > def.version) {
    return { ok: false, message: `事件“${raw.type}”的版本 ${version} 不受支持（本程序认识 1 至 ${def.version}）：请升级程序` };
  }
  let payload: unknown = raw.payload;
  while (version < def.version) {
    const step = PAYLOAD_UPGRADES.find((u) => u.type === raw.type && u.from === version);
    if (!step) return { ok: false, message: `事件“${raw.type}”缺少从版本 ${version} 升级的规则：请升级程序` };
    const old = step.payload.safeParse(payload);
    if (!old.success)
      return { ok: false, message: `事件“${raw.type}”（版本 ${version}）的内容不符合格式：${describeIssues(old.error.issues)}` };
    // Lift the payload as stored (unknown fields kept), not zod's stripped copy.
    payload = step.up(payload as Record<string, unknown>, raw);
    version++;
  }
  // The union picks the schema by type and holds the version to the current one.
  const current = JournalEventBody.safeParse({ type: def.type, version, payload });
  if (!current.success) {
    const issues = current.error.issues.map((i) => (i.path[0] === 'payload' ? { ...i, path: i.path.slice(1) } : i));
    return { ok: false, message: `事件“${raw.type}”的内容不符合格式：${describeIssues(issues)}` };
  }
  // The payload as written (fields a newer program added are kept), now known to fit the schema.
  return { ok: true, event: { type: def.type, version, payload } as TypedJournalEvent };
}

/** Lifts a stored event to its type's current version; throws on an event that does not fit. */
export function upgradeEvent(raw: StoredEventBody): TypedJournalEvent {
  const parsed = parseJournalEvent(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.event;
}
