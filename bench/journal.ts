/**
 * What the typed journal costs: checking one stored payload against its schema (the biggest
 * real ones, from test/fixtures/journal), and appending with that check inside the transaction.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/store/database';
import { appendEvents } from '../electron/store/journal';
import { parseJournalEvent, type StoredEventBody } from '../shared/journal';
import { stepEvent } from '../test/helpers/journal-events';

function stored(type: string): StoredEventBody {
  const [first] = JSON.parse(
    readFileSync(join(import.meta.dirname, '../test/fixtures/journal', `${type}.json`), 'utf8'),
  ) as StoredEventBody[];
  return first!;
}

export async function run(print: (line: string) => void): Promise<void> {
  for (const type of ['application.accepted', 'case.accepted', 'case.deadline-recomputed', 'case.withdrawn']) {
    const event = stored(type);
    const bytes = JSON.stringify(event.payload).length;
    const n = 20_000;
    for (let i = 0; i < 1_000; i++) parseJournalEvent(event);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (!parseJournalEvent(event).ok) throw new Error(`${type} does not parse`);
    const us = ((performance.now() - t0) * 1000) / n;
    print(
      `parseJournalEvent ${type} (${bytes} bytes${event.version === 1 && type === 'case.deadline-recomputed' ? ', v1 lifted to v2' : ''}): ${us.toFixed(1)} µs per event`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-journal-'));
  try {
    const db = openDatabase(join(dir, 'journal.db'));
    const total = 10_000;
    const events = Array.from({ length: total }, (_, i) => stepEvent(`case:${i % 200}`, i, { note: '受理' }));
    const t0 = performance.now();
    db.transaction(() => appendEvents(db, events))();
    const ms = performance.now() - t0;
    print(
      `append ${total.toLocaleString('en')} events in one transaction (checked, hashed, queued for sync): ${ms.toFixed(0)} ms (${((ms * 1000) / total).toFixed(1)} µs per event)`,
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await Promise.resolve();
}
