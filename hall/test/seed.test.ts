import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformRefusal } from '../../electron/sync/client';
import { addElicence } from '../seed/elicences';
import { registerWindow, restartFeedEpoch } from '../seed/windows';
import { ENGINES, clientFor, startTestHall, type TestHall } from './helpers';

/** The hall's seed path (test platform, training) and the e-licence lookup it feeds, on every engine. */
describe.each(ENGINES)('hall seeding and e-licence lookup on $name', (engine) => {
  let h: TestHall;
  const W = { id: 'WS-SEEDED-01', secret: 'seeded-secret-0123456789abcdef' };

  beforeAll(async () => {
    h = await startTestHall(engine);
    await registerWindow(h.hall.sql, W, new Date());
  });
  afterAll(async () => h.close());

  it('a registered window signs with its given secret; a wrong one is refused; the registration is journaled', async () => {
    await expect(clientFor(h.hall.url, W.id, W.secret).hello()).resolves.toMatchObject({ workstationId: W.id });
    const wrong = await clientFor(h.hall.url, W.id, 'not-the-secret-0123456789abcdef')
      .hello()
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401 });
    const journal = await h.hall.sql.query<{ type: string; actor: string }>('SELECT type, actor FROM hall_journal WHERE subject = $1', [
      W.id,
    ]);
    expect(journal).toEqual([{ type: 'window.seeded', actor: 'seed' }]);
    await expect(registerWindow(h.hall.sql, { id: 'bad id!', secret: W.secret }, new Date())).rejects.toThrow('工作站编号无效');
  });

  it('answers an e-licence request with the holder’s licences on the asking window’s feed only', async () => {
    await addElicence(h.hall.sql, {
      identifier: 'EL-SEED-1',
      holderId: '91110108MA01A2B3C4',
      licenceType: '营业执照',
      validUntil: null,
      data: { name: '示例建设有限公司' },
    });
    await addElicence(h.hall.sql, {
      identifier: 'EL-OTHER',
      holderId: 'SOMEONE-ELSE',
      licenceType: '营业执照',
      validUntil: null,
      data: {},
    });
    const client = clientFor(h.hall.url, W.id, W.secret);
    expect(await client.requestElicences('91110108MA01A2B3C4')).toBe(1);
    expect(await client.requestElicences('NOBODY')).toBe(0);
    const page = await client.feed('', 100);
    expect(page.items.filter((i) => i.kind === 'elicence')).toEqual([
      {
        kind: 'elicence',
        identifier: 'EL-SEED-1',
        holderId: '91110108MA01A2B3C4',
        licenceType: '营业执照',
        validUntil: null,
        data: { name: '示例建设有限公司' },
      },
    ]);
    const other = { id: 'WS-SEEDED-02', secret: 'seeded-secret-2-0123456789abcdef' };
    await registerWindow(h.hall.sql, other, new Date());
    const otherPage = await clientFor(h.hall.url, other.id, other.secret).feed('', 100);
    expect(otherPage.items.filter((i) => i.kind === 'elicence')).toEqual([]);

    // A restarted feed epoch makes the cursor handed out stale: RESYNC_REQUIRED, signed.
    await restartFeedEpoch(h.hall.sql);
    const stale = await client.feed(page.cursor, 100).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PlatformRefusal);
    expect(stale).toMatchObject({ status: 410 });
  });
});
