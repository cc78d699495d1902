/**
 * One test per SQL migration (after Signal Desktop's): a real database file opened at version
 * N-1 with rows as the program of that time wrote them, migration N applied by the product's
 * own `migrate`, and the rows read back. Rows are written with plain SQL on purpose: the
 * repositories of today would write today's columns.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, schemaVersion, type Db } from '../../../electron/store/database';
import { GENESIS_HASH, eventHash } from '../../../electron/store/journal';
import { migrations } from '../../../electron/store/migrations';

export interface OldDatabase {
  db: Db;
  /** Applies migration `version` (and nothing after it), as an upgrade of the program would. */
  migrateTo(version: number): void;
  close(): void;
}

/** A database file at schema `version`: every migration up to and including it. */
export function databaseAt(version: number): OldDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'ow-migration-'));
  const db = openDatabase(
    join(dir, 'onewindow.db'),
    migrations.filter((m) => m.version <= version),
  );
  if (schemaVersion(db) !== version) throw new Error(`no migration ${version}`);
  return {
    db,
    migrateTo(next) {
      migrate(
        db,
        migrations.filter((m) => m.version <= next),
      );
      if (schemaVersion(db) !== next) throw new Error(`no migration ${next}`);
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The version before `version` in the list (migration numbers have gaps). */
export function versionBefore(version: number): number {
  const i = migrations.findIndex((m) => m.version === version);
  if (i < 0) throw new Error(`no migration ${version}`);
  return i === 0 ? 0 : migrations[i - 1]!.version;
}

/** A stored payload of `type` from test/fixtures/journal (written by the program before versions). */
export function storedPayload(type: string): { stream: string; payload: unknown } {
  const [first] = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/journal', `${type}.json`), 'utf8')) as {
    stream: string;
    payload: unknown;
  }[];
  return first!;
}

/** Appends journal rows as the program did before the version column: returns the head hash. */
export function writeOldJournal(db: Db, events: readonly { stream: string; type: string; payload: unknown }[]): string {
  const last = db.prepare('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const streamSeq = db.prepare('SELECT COALESCE(MAX(stream_seq), 0) AS n FROM journal WHERE stream = ?');
  const insert = db.prepare(
    'INSERT INTO journal (id, stream, stream_seq, type, payload, actor, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  events.forEach((e, i) => {
    const row = {
      id: `old-${prevHash.slice(0, 8)}-${i}`,
      stream: e.stream,
      streamSeq: (streamSeq.get(e.stream) as { n: number }).n + 1,
      type: e.type,
      payload: JSON.stringify(e.payload),
      actor: 'clerk-1',
      at: '2026-03-02T01:00:00.000Z',
    };
    const hash = eventHash(prevHash, row);
    insert.run(row.id, row.stream, row.streamSeq, row.type, row.payload, row.actor, row.at, prevHash, hash);
    prevHash = hash;
  });
  return prevHash;
}

export const AT = '2026-03-02T01:00:00.000Z';

/** Rows of schema 1: an admin and a clerk, the window's settings. */
export function seedFoundation(db: Db): void {
  const user = db.prepare(
    'INSERT INTO users (id, username, display_name, role, password_hash, department, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  user.run('u-admin', 'admin', '王管理', 'admin', 'scrypt$16384$8$1$c2FsdA$aGFzaA', null, AT);
  user.run('u-clerk', 'clerk1', '李窗口', 'clerk', 'scrypt$16384$8$1$c2FsdA$aGFzaA', null, AT);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
    'workstation',
    JSON.stringify({ mode: 'training', window: { number: '3' } }),
    AT,
  );
}

/** Rows of schema 2: one project, one stage application, one item case. */
export function seedCase(
  db: Db,
  opts: { caseId?: string; caseNumber?: string; applicationId?: string; projectId?: string } = {},
): { caseId: string; applicationId: string; projectId: string } {
  const projectId = opts.projectId ?? 'p-1';
  const applicationId = opts.applicationId ?? 'a-1';
  const caseId = opts.caseId ?? 'c-1';
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) {
    db.prepare(
      'INSERT INTO projects (id, code, name, project_type, land_source, builder_name, builder_uscc, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      projectId,
      '2026-330106-47-01-000123',
      '文三路综合楼',
      '房屋建筑',
      '出让',
      '杭州某置业有限公司',
      '91330106MA2B3C4D5E',
      '{}',
      AT,
      AT,
    );
  }
  db.prepare(
    'INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, items, form, applicant_name, applicant_id_number, accepted_at, accepted_by, window_number, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    applicationId,
    projectId,
    1,
    '2026.1',
    'accepted',
    '[]',
    '{}',
    '杭州某置业有限公司',
    '91330106MA2B3C4D5E',
    AT,
    'u-clerk',
    '3',
    AT,
    AT,
  );
  db.prepare(
    'INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name, applicant_id_number, clerk_id, promised_value, promised_unit, statutory_value, accepted_on, due_on, clock, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    caseId,
    opts.caseNumber ?? 'W3-2026-000001',
    applicationId,
    projectId,
    'PLAN-01',
    '建设用地规划许可证核发',
    '市自然资源和规划局',
    'accepted',
    '杭州某置业有限公司',
    '91330106MA2B3C4D5E',
    'u-clerk',
    7,
    'workday',
    20,
    '2026-03-02',
    '2026-03-11',
    JSON.stringify({ acceptedOn: '2026-03-02', limit: { value: 7, unit: 'workday' } }),
    AT,
    AT,
  );
  return { caseId, applicationId, projectId };
}
