import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, seedCase, seedFoundation, versionBefore, type OldDatabase } from './helpers';

let old: OldDatabase | undefined;
afterEach(() => old?.close());

describe('migration 6 (acceptance)', () => {
  it('lets a project accepted before the material library hold materials, tied to its application', () => {
    old = databaseAt(versionBefore(6));
    const { db } = old;
    seedFoundation(db);
    const { projectId, applicationId } = seedCase(db);
    old.migrateTo(6);
    const add = db.prepare(
      'INSERT INTO project_materials (id, project_id, material_code, material_name, blob_refs, stage, application_id, received_on, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    add.run(
      'm-1',
      projectId,
      'M-LAND',
      '国有土地使用权出让合同',
      JSON.stringify(['b'.repeat(64)]),
      1,
      applicationId,
      '2026-03-02',
      null,
      'now',
    );
    expect(() => add.run('m-2', 'no-project', 'M-X', 'x', '[]', 1, null, '2026-03-02', null, 'now')).toThrow(/FOREIGN KEY/);
    expect(
      db.prepare('SELECT p.code, m.material_name, m.withdrawn_at FROM project_materials m JOIN projects p ON p.id = m.project_id').all(),
    ).toEqual([{ code: '2026-330106-47-01-000123', material_name: '国有土地使用权出让合同', withdrawn_at: null }]);
    db.prepare("INSERT INTO catalog_versions (version, data, source, added_at) VALUES ('2026.1', '{}', 'resources', 'now')").run();
    expect(() =>
      db.prepare("INSERT INTO catalog_versions (version, data, source, added_at) VALUES ('2026.2', '{}', 'email', 'now')").run(),
    ).toThrow(/CHECK/);
  });
});
