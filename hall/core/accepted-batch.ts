import type { WireEvent } from '../../electron/sync/wire';
import type { HeldEvent, RoutedCaseData } from '../../shared/protocol';
import { randomUUID } from 'node:crypto';
import type { SqlParam, SqlRunner } from '../store/sql';
import { field, payloadOf, streamEvents } from './case-events';
import type { Publication } from './feed';

/**
 * The bulk of a hall's traffic is acceptance: `case.accepted` (with its project and application
 * events). Handled per batch in a fixed number of statements — cases, materials, project
 * streams, subscriptions, one lookup of back offices per department, one read of the routed
 * streams — instead of a dozen statements per case, so 130 windows syncing at once do not queue
 * on the database.
 */
export interface AcceptedOutcome {
  publications: Publication[];
  changedProjects: Set<string>;
}

export function relatedStreams(caseId: string, applicationId: string | null, projectId: string | null): string[] {
  return [`case:${caseId}`, ...(applicationId ? [`application:${applicationId}`] : []), ...(projectId ? [`project:${projectId}`] : [])];
}

export async function acceptInBulk(
  tx: SqlRunner,
  workstation: string,
  events: readonly WireEvent[],
  at: string,
  fresh: ReadonlySet<string>,
): Promise<AcceptedOutcome> {
  const changedProjects = new Set<string>();
  const projectStreamPairs = new Map<string, [string, string]>();
  const cases: { caseId: string; e: WireEvent; p: Record<string, unknown> }[] = [];
  for (const e of events) {
    if (e.stream.startsWith('project:')) {
      const p = payloadOf(e);
      const code = field(p, 'code') ?? field(p, 'projectCode');
      if (code) {
        projectStreamPairs.set(`${code}\n${e.stream}`, [code, e.stream]);
        changedProjects.add(code);
      }
    } else if (e.type === 'case.accepted' && e.stream.startsWith('case:')) {
      const p = payloadOf(e);
      const caseId = e.stream.slice('case:'.length);
      cases.push({ caseId, e, p });
      const code = field(p, 'projectCode');
      if (code) {
        changedProjects.add(code);
        for (const s of relatedStreams(caseId, field(p, 'applicationId'), field(p, 'projectId')))
          projectStreamPairs.set(`${code}\n${s}`, [code, s]);
      }
    }
  }
  const col = (f: (c: (typeof cases)[number]) => string | null): (string | null)[] => cases.map(f);
  const m = {
    caseId: [] as string[],
    eventId: [] as string[],
    idx: [] as number[],
    code: [] as string[],
    ref: [] as string[],
    refs: [] as string[],
  };
  for (const c of cases) {
    const code = field(c.p, 'projectCode');
    const materials = Array.isArray(c.p.materials) ? (c.p.materials as unknown[]) : [];
    if (!code) continue;
    materials.forEach((mat, i) => {
      const refs = (mat as { blobRefs?: unknown } | null)?.blobRefs;
      m.caseId.push(c.caseId);
      m.eventId.push(c.e.id);
      m.idx.push(i);
      m.code.push(code);
      m.ref.push(JSON.stringify(mat));
      m.refs.push(JSON.stringify(Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : []));
    });
  }
  const pairs = [...projectStreamPairs.values()];
  const departments = [...new Set(cases.map((c) => field(c.p, 'department')).filter((d): d is string => d !== null))];
  if (cases.length === 0 && pairs.length === 0 && changedProjects.size === 0) return { publications: [], changedProjects };
  // One statement for the whole batch: the cases, ratings that arrived before their case (rated
  // at a window that synced first) get its groups, the materials, the project's streams, the
  // sender's subscriptions — and the back offices of the cases' departments come back.
  const offices = await tx.query<{ id: string; department: string }>(
    `WITH new_cases AS (
       INSERT INTO hall_cases (case_id, case_number, project_code, item_code, item_name, department, accepted_by, holder, clerk, status, accepted_on, due_on, updated_at, application_id, project_id)
       SELECT c, n, pc, ic, iname, d, $1, $1, clerk, 'accepted', ao, due, $2, app, prj
       FROM unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::varchar[], $12::varchar[], $13::varchar[])
         AS u(c, n, pc, ic, iname, d, clerk, ao, due, app, prj)
       ON CONFLICT (case_id) DO NOTHING
       RETURNING case_id, case_number, department, item_code, item_name, accepted_by, clerk, accepted_on
     ), early_ratings AS (
       UPDATE ratings SET case_id = c.case_id, department = c.department, item_code = c.item_code, item_name = c.item_name,
         accepted_by = c.accepted_by, clerk = c.clerk, accepted_on = c.accepted_on
       FROM new_cases c WHERE ratings.case_number = c.case_number AND ratings.case_id IS NULL
     ), materials AS (
       INSERT INTO project_materials (case_id, event_id, idx, project_code, ref, blob_refs, received_at)
       SELECT c, e, i, pc, r, b, $2 FROM unnest($14::varchar[], $15::varchar[], $16::int[], $17::varchar[], $18::text[], $19::text[]) AS u(c, e, i, pc, r, b)
       ON CONFLICT DO NOTHING
     ), project_stream_rows AS (
       INSERT INTO project_streams (project_code, stream) SELECT pc, s FROM unnest($20::varchar[], $21::varchar[]) AS u(pc, s) ON CONFLICT DO NOTHING
     ), subscriptions AS (
       INSERT INTO project_subscribers (project_code, workstation) SELECT pc, $1 FROM unnest($22::varchar[]) AS u(pc) ON CONFLICT DO NOTHING
     )
     SELECT id, department FROM workstations
     WHERE role = 'back-office' AND revoked_at IS NULL AND department = ANY($23::varchar[]) AND id <> $1 ORDER BY id`,
    [
      workstation,
      at,
      col((c) => c.caseId),
      col((c) => field(c.p, 'caseNumber')),
      col((c) => field(c.p, 'projectCode')),
      col((c) => field(c.p, 'itemCode')),
      col((c) => field(c.p, 'itemName')),
      col((c) => field(c.p, 'department')),
      col((c) => c.e.actor),
      col((c) => field(c.p, 'acceptedOn') ?? c.e.at.slice(0, 10)),
      col((c) => field(c.p, 'dueOn')),
      col((c) => field(c.p, 'applicationId')),
      col((c) => field(c.p, 'projectId')),
      m.caseId,
      m.eventId,
      m.idx,
      m.code,
      m.ref,
      m.refs,
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      [...changedProjects],
      departments,
    ] as SqlParam[],
  );
  return { publications: await routeForReview(tx, workstation, cases, offices, { events, fresh }, at), changedProjects };
}

/** 分类审批: each accepted case to every back office of its department (not back to the sender). */
async function routeForReview(
  tx: SqlRunner,
  workstation: string,
  cases: readonly { caseId: string; e: WireEvent; p: Record<string, unknown> }[],
  offices: readonly { id: string; department: string }[],
  batch: { events: readonly WireEvent[]; fresh: ReadonlySet<string> },
  at: string,
): Promise<Publication[]> {
  const byDepartment = new Map<string, string[]>();
  for (const o of offices) byDepartment.set(o.department, [...(byDepartment.get(o.department) ?? []), o.id]);
  const routed = cases.filter((c) => (byDepartment.get(field(c.p, 'department') ?? '') ?? []).length > 0);
  if (routed.length === 0) return [];
  const streamsOf = new Map(routed.map((c) => [c.caseId, relatedStreams(c.caseId, field(c.p, 'applicationId'), field(c.p, 'projectId'))]));
  // A case accepted here and now (its streams new to the hall) routes the batch's own events,
  // in batch order, which is receipt order; a later stage of a project other windows worked on
  // reads all windows' events of its streams back.
  const fromBatch = (ss: readonly string[]): boolean => ss.every((st) => batch.fresh.has(st));
  const batchEvents = batch.events
    .filter((e) => batch.fresh.has(e.stream))
    .map((e): HeldEvent => ({
      workstationId: workstation,
      id: e.id,
      seq: e.seq,
      stream: e.stream,
      streamSeq: e.streamSeq,
      type: e.type,
      version: e.version ?? 1,
      payload: e.payload,
      actor: e.actor,
      at: e.at,
      prevHash: e.prevHash,
      hash: e.hash,
    }));
  const readBack = await streamEvents(tx, [...streamsOf.values()].filter((ss) => !fromBatch(ss)).flat());
  const out: Publication[] = [];
  for (const c of routed) {
    const streams = new Set(streamsOf.get(c.caseId));
    const data: RoutedCaseData = {
      reason: 'review',
      routeId: randomUUID(),
      caseNumber: field(c.p, 'caseNumber'),
      itemName: field(c.p, 'itemName'),
      department: field(c.p, 'department'),
      acceptedBy: workstation,
      holder: workstation,
      fromWorkstation: workstation,
      note: null,
      events: (fromBatch([...streams]) ? batchEvents : readBack).filter((e) => streams.has(e.stream)),
    };
    const item = {
      kind: 'routed-case' as const,
      caseId: c.caseId,
      projectCode: field(c.p, 'projectCode') ?? '-',
      itemCode: field(c.p, 'itemCode') ?? '-',
      routedAt: at,
      data,
    };
    for (const target of byDepartment.get(field(c.p, 'department') ?? '') ?? []) out.push({ item, workstation: target });
  }
  return out;
}
