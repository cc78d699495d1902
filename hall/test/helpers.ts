import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventHash } from '../../electron/store/journal';
import { PlatformClient, type FetchLike } from '../../electron/sync/client';
import type { WireEvent } from '../../electron/sync/wire';
import { enrolResponse, type WindowAssignment } from '../../shared/protocol';
import { issueEnrolmentCode } from '../core/enrolment';
import { startHall, type HallServer } from '../server';
import { openHallDatabase } from '../store/open';

/**
 * Hall test kit: the same suite on embedded PGlite (always) and on a real PostgreSQL when
 * ONEWINDOW_TEST_PG names one (each suite gets its own fresh database there). Windows are
 * enrolled over HTTP with real codes and talk through the workstation's own PlatformClient.
 */
export const ENGINES: { name: string; database: () => Promise<{ url: string; drop(): Promise<void> }> }[] = [
  { name: 'pglite', database: () => Promise.resolve({ url: 'memory', drop: () => Promise.resolve() }) },
  ...(process.env.ONEWINDOW_TEST_PG ? [{ name: 'postgresql', database: () => freshPostgres(process.env.ONEWINDOW_TEST_PG ?? '') }] : []),
];

export async function freshPostgres(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hall_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        // An autovacuum worker on a big database cannot be terminated by a non-superuser (42501):
        // it finishes soon, so try again for a while.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (err) {
            if (attempt >= 60 || !['42501', '55006'].includes((err as { code?: string }).code ?? '')) throw err;
            await new Promise((r) => setTimeout(r, 1_000));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestHall {
  hall: HallServer;
  database: string;
  close(): Promise<void>;
}

export async function startTestHall(engine: (typeof ENGINES)[number], port = 0): Promise<TestHall> {
  const db = await engine.database();
  const sql = await openHallDatabase(db.url);
  const hall = await startHall({ sql, hall: { hallName: '测试政务服务大厅', hallCode: 'TH' }, port });
  return {
    hall,
    database: db.url,
    async close() {
      await hall.close();
      await sql.close();
      await db.drop();
    },
  };
}

export interface TestWindow {
  id: string;
  secret: string;
  client: PlatformClient;
  journal: Journal;
}

export async function enrolWindow(h: TestHall, a: WindowAssignment): Promise<TestWindow> {
  const code = await issueEnrolmentCode(h.hall.sql, a, new Date());
  const res = await fetch(`${h.hall.url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: code.toLowerCase() }),
  });
  const creds = enrolResponse.parse(await res.json());
  return {
    id: creds.workstationId,
    secret: creds.secret,
    client: clientFor(h.hall.url, creds.workstationId, creds.secret),
    journal: new Journal(),
  };
}

export function clientFor(url: string, workstationId: string, secret: string): PlatformClient {
  return new PlatformClient({
    url,
    workstationId,
    secret,
    now: Date.now,
    requestTimeoutMs: 20_000,
    fetch: globalThis.fetch as unknown as FetchLike,
  });
}

/** A workstation journal in miniature: one hash chain, positions per stream (as electron/store/journal.ts). */
export class Journal {
  private head = '0'.repeat(64);
  private seq = 0;
  private readonly positions = new Map<string, number>();

  append(stream: string, type: string, payload: unknown, actor: string | null = 'clerk-1', at = new Date().toISOString()): WireEvent {
    const streamSeq = (this.positions.get(stream) ?? 0) + 1;
    this.positions.set(stream, streamSeq);
    const id = randomUUID();
    const text = JSON.stringify(payload);
    const hash = eventHash(this.head, { id, stream, streamSeq, type, payload: text, actor, at });
    const e: WireEvent = { id, seq: ++this.seq, stream, streamSeq, type, payload: text, actor, at, prevHash: this.head, hash };
    this.head = hash;
    return e;
  }
}

/** The events a counter journals when it accepts one case of a project (shape of electron/cases/accept.ts). */
export function acceptCase(
  j: Journal,
  o: {
    projectCode: string;
    department: string;
    itemCode?: string;
    acceptedOn?: string;
    dueOn?: string;
    blobRefs?: string[];
    caseNumber?: string;
    /** A project another window already registered (a later stage): its stream is shared. */
    projectId?: string;
  },
): { caseId: string; events: WireEvent[] } {
  const caseId = randomUUID();
  const applicationId = randomUUID();
  const projectId = o.projectId ?? randomUUID();
  const acceptedOn = o.acceptedOn ?? new Date().toISOString().slice(0, 10);
  const itemCode = o.itemCode ?? 'ITEM-1';
  const itemName = '建设工程规划许可证核发';
  const blobRefs = o.blobRefs ?? [];
  const materials = [{ code: 'M1', name: '申请表', status: 'collected', blobRefs, ref: null }];
  // Payloads complete to the journal's schemas (shared/journal): the hall refuses anything else.
  const events = [
    j.append(`project:${projectId}`, 'project.registered', {
      projectId,
      code: o.projectCode,
      name: '测试项目',
      type: null,
      landSource: null,
      builderName: '测试建设有限公司',
      builderUscc: '91110108MA01A2B3C4',
      data: {},
    }),
    j.append(`application:${applicationId}`, 'application.accepted', {
      applicationId,
      projectId,
      projectCode: o.projectCode,
      stage: 1,
      catalogVersion: 'test',
      mode: 'accept',
      channel: 'window',
      window: '1号窗口',
      applicant: { name: '张*' },
      agent: null,
      items: [{ code: itemCode, name: itemName, department: o.department }],
      materials,
      form: {},
      blobRefs,
    }),
    j.append(`case:${caseId}`, 'case.accepted', {
      caseId,
      caseNumber: o.caseNumber ?? `TH-${caseId.slice(0, 6)}`,
      applicationId,
      projectId,
      projectCode: o.projectCode,
      itemCode,
      itemName,
      catalogVersion: 'test',
      department: o.department,
      channel: 'window',
      acceptedOn,
      promisedLimit: { value: 10, unit: 'workday' },
      statutoryLimit: { value: 20, unit: 'workday' },
      dueOn: o.dueOn ?? acceptedOn,
      feeAllowed: false,
      deficiency: null,
      materials,
      blobRefs,
    }),
  ];
  return { caseId, events };
}
