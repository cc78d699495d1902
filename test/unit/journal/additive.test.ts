/**
 * The additive-only guard (after Actual's): the committed snapshot holds every event type's
 * version and payload schema. An event type may not disappear; within a version its payload
 * may only gain optional fields or widen an enum. Anything else needs a version bump with an
 * upgrade step that keeps the old schema (shared/journal/upgrades.ts). Refresh the snapshot
 * after a reviewed change with UPDATE_JOURNAL_SNAPSHOT=1 npx vitest run test/unit/journal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_DEFINITIONS } from '../../../shared/journal';
import { PAYLOAD_UPGRADES } from '../../../shared/journal/upgrades';
import { breakingChanges } from './schema-compat';

type Snapshot = Record<string, { version: number; payload: unknown }>;
const SNAPSHOT_FILE = join(import.meta.dirname, 'event-schemas.snapshot.json');

function jsonSchema(schema: z.ZodType): unknown {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

function currentSnapshot(): Snapshot {
  const out: Snapshot = {};
  for (const d of [...EVENT_DEFINITIONS].sort((a, b) => a.type.localeCompare(b.type)))
    out[d.type] = { version: d.version, payload: jsonSchema(d.payload) };
  return out;
}

describe('journal event schemas change additively only', () => {
  const current = currentSnapshot();
  if (process.env.UPDATE_JOURNAL_SNAPSHOT === '1') writeFileSync(SNAPSHOT_FILE, JSON.stringify(current, null, 2) + '\n');
  const committed = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as Snapshot;

  it('keeps every event type the snapshot knows', () => {
    expect(Object.keys(committed).filter((type) => !(type in current))).toEqual([]);
  });

  it('within a version, only adds optional fields; a new version keeps the old schema in an upgrade step', () => {
    const problems: string[] = [];
    for (const [type, before] of Object.entries(committed)) {
      const now = current[type];
      if (!now) continue;
      if (now.version < before.version) problems.push(`${type}: version went down from ${before.version} to ${now.version}`);
      else if (now.version === before.version) problems.push(...breakingChanges(before.payload as never, now.payload as never, type));
      else {
        // Bumped: the snapshot's schema must live on as the payload of the upgrade from its version.
        const step = PAYLOAD_UPGRADES.find((u) => u.type === type && u.from === before.version);
        if (!step) problems.push(`${type}: version ${before.version} → ${now.version} without an upgrade step from ${before.version}`);
        else problems.push(...breakingChanges(before.payload as never, jsonSchema(step.payload) as never, `${type}@v${before.version}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('has an upgrade step for every version below the current one', () => {
    const missing = EVENT_DEFINITIONS.flatMap((d) =>
      Array.from({ length: d.version - 1 }, (_, i) => i + 1)
        .filter((from) => !PAYLOAD_UPGRADES.some((u) => u.type === d.type && u.from === from))
        .map((from) => `${d.type} from v${from}`),
    );
    expect(missing).toEqual([]);
  });

  it('is up to date (a reviewed, additive change refreshes it)', () => {
    expect(current, 'run UPDATE_JOURNAL_SNAPSHOT=1 npx vitest run test/unit/journal/additive.test.ts and commit the snapshot').toEqual(
      committed,
    );
  });
});

describe('the guard itself', () => {
  const v1 = jsonSchema(z.object({ a: z.string(), b: z.array(z.object({ c: z.number() })), kind: z.enum(['x', 'y']) })) as never;
  const check = (next: z.ZodType) => breakingChanges(v1, jsonSchema(next) as never);

  it('accepts an optional field and a widened enum', () => {
    expect(
      check(
        z.object({
          a: z.string(),
          b: z.array(z.object({ c: z.number(), d: z.string().optional() })),
          kind: z.enum(['x', 'y', 'z']),
          e: z.boolean().optional(),
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a removed field, a changed type, a new required field and a narrowed enum', () => {
    expect(check(z.object({ b: z.array(z.object({ c: z.number() })), kind: z.enum(['x', 'y']) }))).toEqual(['$.a: removed']);
    expect(check(z.object({ a: z.number(), b: z.array(z.object({ c: z.number() })), kind: z.enum(['x', 'y']) }))).toEqual([
      '$.a: type "string" became "number"',
    ]);
    expect(check(z.object({ a: z.string(), b: z.array(z.object({ c: z.number(), d: z.string() })), kind: z.enum(['x', 'y']) }))).toEqual([
      '$.b[].d: added as required',
    ]);
    expect(check(z.object({ a: z.string(), b: z.array(z.object({ c: z.number() })), kind: z.enum(['x']) }))).toEqual([
      '$.kind: enum lost ["y"]',
    ]);
    expect(check(z.object({ a: z.string().nullable(), b: z.array(z.object({ c: z.number() })), kind: z.enum(['x', 'y']) }))).toEqual([
      '$.a: type "string" became ["string","null"]',
    ]);
  });
});
