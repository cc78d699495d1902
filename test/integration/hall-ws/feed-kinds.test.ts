import { describe, expect, it } from 'vitest';
import { feedPage } from '../../../electron/sync/wire';

/** The workstation's feed schema: the hall's kinds parse, unknown kinds are skipped, broken known ones refused. */
describe('feed pages from a hall', () => {
  const library = {
    kind: 'project-library',
    projectCode: 'P-1',
    version: 3,
    updatedAt: '2026-03-02T01:00:00Z',
    cases: [],
    materials: [],
    licences: [],
    events: [],
  };
  const assignment = {
    kind: 'window-assignment',
    updatedAt: '2026-03-02T01:00:00Z',
    windowName: '规划局后台',
    role: 'back-office',
    department: '市自然资源和规划局',
  };

  it('accepts project libraries and window assignments beside protocol v1 kinds', () => {
    const page = feedPage.parse({ items: [library, assignment, { kind: 'calendar', year: 2026, data: {} }], cursor: 'c1', more: false });
    expect(page.items.map((i) => i.kind)).toEqual(['project-library', 'window-assignment', 'calendar']);
  });

  it('skips a kind this release does not know, so a newer hall never stops the feed', () => {
    const page = feedPage.parse({ items: [{ kind: 'queue-ticket', number: 'A012' }, assignment], cursor: 'c2', more: true });
    expect(page.items.map((i) => i.kind)).toEqual(['window-assignment']);
  });

  it('refuses a known kind that does not parse (a broken page is retried, not half applied)', () => {
    expect(feedPage.safeParse({ items: [{ ...assignment, role: 'janitor' }], cursor: 'c3', more: false }).success).toBe(false);
  });
});
