/**
 * Old events still read: test/fixtures/journal holds, per event type, payloads as the program
 * wrote them before versions existed (captured from the integration suites' journals on
 * 2026-12-01; rating.cancelled and user.enabled copied from their call sites). Each must parse,
 * older versions lifted to the current one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_DEFINITIONS, currentVersion, isJournalEventType, parseJournalEvent, upgradeEvent } from '../../../shared/journal';

interface StoredFixture {
  version: number;
  stream: string;
  type: string;
  payload: unknown;
  actor: string | null;
  at: string;
}

const DIR = join(import.meta.dirname, '../../fixtures/journal');
const fixtures = new Map(
  readdirSync(DIR).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(DIR, f), 'utf8')) as StoredFixture[]]),
);

describe('stored events of every type still read', () => {
  it('has stored events for every event type', () => {
    expect(EVENT_DEFINITIONS.map((d) => d.type).filter((t) => !fixtures.has(t))).toEqual([]);
  });

  for (const [type, events] of fixtures) {
    it(`${type}: each stored payload parses at the current version`, () => {
      expect(isJournalEventType(type)).toBe(true);
      for (const stored of events) {
        const parsed = parseJournalEvent(stored);
        expect(parsed, JSON.stringify(parsed)).toMatchObject({
          ok: true,
          event: { type, version: isJournalEventType(type) ? currentVersion(type) : -1 },
        });
      }
    });
  }

  it('lifts case.deadline-recomputed v1 (named by number only) to v2 with the case id from its stream', () => {
    const [stored] = fixtures.get('case.deadline-recomputed')!;
    expect(stored!.version).toBe(1);
    const lifted = upgradeEvent(stored!);
    expect(lifted).toEqual({
      type: 'case.deadline-recomputed',
      version: 2,
      payload: { caseId: stored!.stream.slice('case:'.length), ...(stored!.payload as object) },
    });
  });

  it('keeps fields a newer program added, and refuses what does not fit', () => {
    const [accepted] = fixtures.get('case.accepted')!;
    const newer = { ...accepted!, payload: { ...(accepted!.payload as object), hallRoute: 'dept-7' } };
    expect(upgradeEvent(newer).payload).toMatchObject({ hallRoute: 'dept-7' });
    expect(parseJournalEvent({ ...accepted!, payload: { ...(accepted!.payload as object), dueOn: 20260311 } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('dueOn') as unknown,
    });
    expect(parseJournalEvent({ stream: 'case:x', type: 'case.evaluated', payload: {} })).toMatchObject({
      ok: false,
      message: expect.stringContaining('未知的事件类型') as unknown,
    });
    expect(parseJournalEvent({ ...accepted!, version: 9 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('请升级程序') as unknown,
    });
  });
});
