import { afterEach, describe, expect, it } from 'vitest';
import { checkElicenceId } from '../../../shared/domain/identifiers';
import { eLicencesForHolder, feedCursor, latestPlatformCatalog, platformCalendar, routedCases } from '../../../electron/sync/feed';
import { createSyncService, type SyncService } from '../../../electron/sync/service';
import { seedDemo } from '../../platform/seed';
import { WORKSTATION, setUp, waitFor, type Bench } from './helpers';

let bench: Bench | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await bench?.cleanup();
  bench = undefined;
});

const count = (b: Bench, table: string): number => (b.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('pull feed', () => {
  it('applies pages with their cursor, honours resync, and survives a lost page answer', async () => {
    bench = await setUp();
    const b = bench;
    const { platform, db } = b;
    await seedDemo(platform, WORKSTATION.id);
    await platform.publish({
      kind: 'catalog',
      version: '2026.2',
      publishedAt: '2026-06-01T00:00:00.000Z',
      data: { items: ['建设工程规划许可'] },
    });
    await platform.publish(
      {
        kind: 'routed-case',
        caseId: 'c-1',
        projectCode: '2501-110108-04-01-123456',
        itemCode: 'JS-001',
        routedAt: '2025-06-02T08:00:00.000Z',
        data: { from: 'WS-2' },
      },
      WORKSTATION.id,
    );
    await platform.publish(
      {
        kind: 'routed-case',
        caseId: 'c-2',
        projectCode: '2501-110108-04-01-654321',
        itemCode: 'JS-002',
        routedAt: '2025-06-02T09:00:00.000Z',
        data: {},
      },
      'WS-OTHER',
    );
    // The platform repeats a block it already sent (at-least-once): it must arrive once.
    await platform.publish({ kind: 'case-number-block', prefix: 'ZH2025', first: 100_000, last: 100_999 }, WORKSTATION.id);

    service = createSyncService({ db, blobs: b.blobs, config: { ...b.config, pullPageSize: 2 } });
    service.start();
    await waitFor(() => service!.status().lastPullAt !== null, 'first pull');

    expect(latestPlatformCatalog(db)).toMatchObject({ version: '2026.2' });
    expect(count(b, 'platform_catalogs')).toBe(2);
    expect(platformCalendar(db, 2026)).toMatchObject({
      year: 2026,
      holidays: expect.arrayContaining([expect.objectContaining({ name: '国庆节', from: '2026-10-01' })]),
    });
    expect(routedCases(db).map((c) => c.caseId)).toEqual(['c-1']);
    const blocks = db.prepare("SELECT prefix, first, last, next FROM case_number_blocks WHERE source = 'platform'").all();
    expect(blocks).toEqual([{ prefix: 'ZH2025', first: 100_000, last: 100_999, next: 100_000 }]);
    const cursor = feedCursor(db);
    expect(cursor).not.toBe('');

    // E-licences for a holder arrive on request, through the same feed.
    const holder = '91110108MA01A2B3C4';
    expect(eLicencesForHolder(db, holder)).toEqual([]);
    expect(await service.requestElicences(holder)).toBe(2);
    await waitFor(() => eLicencesForHolder(db, holder).length === 2, 'e-licences pulled');
    for (const l of eLicencesForHolder(db, holder)) expect(checkElicenceId(l.identifier).ok).toBe(true);

    // Numbers are handed out locally; then the platform demands a resync and replays everything.
    db.prepare("UPDATE case_number_blocks SET next = 100_005 WHERE source = 'platform'").run();
    const before = feedCursor(db);
    await platform.requireResync();
    service.wake();
    await waitFor(() => feedCursor(db) !== before, 'resynced');
    expect(count(b, 'platform_catalogs')).toBe(2);
    expect(count(b, 'platform_elicences')).toBe(2);
    expect(count(b, 'routed_cases')).toBe(1);
    expect(db.prepare("SELECT next FROM case_number_blocks WHERE source = 'platform'").get()).toEqual({ next: 100_005 });

    // The answer to a page is lost after the platform served it: the page comes again, applied once.
    platform.setFaults({ once: [{ kind: 'lose-ack', route: 'feed' }] });
    await platform.publish(
      {
        kind: 'routed-case',
        caseId: 'c-3',
        projectCode: '2501-110108-04-01-777777',
        itemCode: 'JS-003',
        routedAt: '2025-06-03T08:00:00.000Z',
        data: {},
      },
      WORKSTATION.id,
    );
    service.wake();
    await waitFor(() => routedCases(db).length === 2, 'routed case after a lost page');
    expect(platform.faults.injected['lose-ack']).toBe(1);
    expect(routedCases(db).map((c) => c.caseId)).toEqual(['c-1', 'c-3']);
  });
});
