/**
 * Replicates other windows' events into this window's projections (issue 13, "one project, any
 * window"): the project, the stage application with its material library, the item case, and
 * the lifecycle steps taken elsewhere (decided, signed, issued, closed). The events themselves
 * are kept in hall_replicated_events, never in this workstation's journal, whose hash chain is
 * what this window did. Every apply is idempotent by event id (the feed is at-least-once), and
 * this window's own events (in its journal) are skipped: it already holds their effect.
 */
import { randomUUID } from 'node:crypto';
import type { HeldEvent } from '../../shared/protocol/feed';
import { STATUTORY_LIMITS, type CaseClock } from '../../shared/domain/deadline';
import { addMonths } from '../../shared/domain/materials';
import { calendarOf, commandTime, type CaseHost } from '../cases/case-host';
import { findCase, saveCase, type CaseRecord } from '../cases/case-state';
import type { Db } from '../store/database';
import { eventHash } from '../store/journal';

export interface ReplicationOutcome {
  applied: number;
  skipped: number;
  caseIds: string[];
  /** Blobs the replicated materials name that this workstation does not hold yet. */
  missingBlobs: string[];
  /** Events whose content does not match their hash (changed on the way): not applied. */
  refused: { id: string; type: string }[];
}

type Payload = Record<string, unknown>;

const STREAM_RANK: Record<string, number> = { project: 0, application: 1, case: 2 };

function rankOf(stream: string): number {
  return STREAM_RANK[stream.split(':')[0] ?? ''] ?? 3;
}

function parsePayload(text: string): Payload {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Payload) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const objectOr = (v: unknown): Payload => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Payload) : {});

function hashMatches(e: HeldEvent): boolean {
  const { id, stream, streamSeq, type, payload, actor, at, version } = e;
  return eventHash(e.prevHash, { id, stream, streamSeq, type, payload, actor, at, version }) === e.hash;
}

/** Applies the events this window does not hold yet, in one transaction (the caller's, if any). */
export function replicateEvents(host: CaseHost, events: readonly HeldEvent[]): ReplicationOutcome {
  const db = host.db;
  const outcome: ReplicationOutcome = { applied: 0, skipped: 0, caseIds: [], missingBlobs: [], refused: [] };
  const own = db.prepare('SELECT 1 FROM journal WHERE id = ?');
  const seen = db.prepare('SELECT 1 FROM hall_replicated_events WHERE id = ?');
  const record = db.prepare(
    'INSERT INTO hall_replicated_events (id, stream, type, payload, actor, at, hash, applied_at, workstation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ordered = [...events].map((e, i) => ({ e, i })).sort((a, b) => rankOf(a.e.stream) - rankOf(b.e.stream) || a.i - b.i);
  const { at: appliedAt } = commandTime(host);
  const touched = new Set<string>();
  const blobs = new Set<string>();
  db.transaction(() => {
    for (const { e } of ordered) {
      if (own.get(e.id) || seen.get(e.id)) {
        outcome.skipped++;
        continue;
      }
      // The sending window's hash covers the event's content (and, from version 2, its version):
      // an event changed between that window and this one is not applied.
      if (!hashMatches(e)) {
        outcome.refused.push({ id: e.id, type: e.type });
        continue;
      }
      const payload = parsePayload(e.payload);
      const caseId = applyOne(host, e, payload, blobs);
      if (caseId) touched.add(caseId);
      record.run(e.id, e.stream, e.type, e.payload, e.actor, e.at, e.hash, appliedAt, e.workstationId ?? null);
      outcome.applied++;
    }
  })();
  const have = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  outcome.missingBlobs = [...blobs].filter((sha) => !have.get(sha));
  outcome.caseIds = [...touched];
  return outcome;
}

/** The local id of a project: by code first (a project registered here keeps its own id). */
function localProjectId(db: Db, code: string | null, foreignId: string | null): string | null {
  if (code) {
    const row = db.prepare('SELECT id FROM projects WHERE code = ?').get(code) as { id: string } | undefined;
    if (row) return row.id;
  }
  if (foreignId) {
    const row = db.prepare('SELECT id FROM projects WHERE id = ?').get(foreignId) as { id: string } | undefined;
    if (row) return row.id;
  }
  return null;
}

function ensureProject(db: Db, p: Payload, at: string): string | null {
  const code = str(p.projectCode) ?? str(p.code);
  const foreignId = str(p.projectId);
  const existing = localProjectId(db, code, foreignId);
  if (existing) return existing;
  if (!code) return null;
  const id = foreignId ?? randomUUID();
  // A placeholder until the project's own events arrive: named as the case event names it.
  db.prepare('INSERT INTO projects (id, code, name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    code,
    str(p.projectName) ?? code,
    '{}',
    at,
    at,
  );
  return id;
}

function applyProject(db: Db, p: Payload, at: string): void {
  const code = str(p.code);
  const name = str(p.name);
  if (!code || !name) return;
  const id = ensureProject(db, { projectCode: code, projectId: p.projectId }, at);
  db.prepare(
    'UPDATE projects SET name = ?, project_type = ?, land_source = ?, builder_name = ?, builder_uscc = ?, data = ?, updated_at = ? WHERE id = ?',
  ).run(name, str(p.type), str(p.landSource), str(p.builderName), str(p.builderUscc), JSON.stringify(objectOr(p.data)), at, id);
}

function validityMonths(db: Db, catalogVersion: string, materialCode: string): number | null {
  const row = db.prepare('SELECT data FROM catalog_versions WHERE version = ?').get(catalogVersion) as { data: string } | undefined;
  if (!row) return null;
  const materials = objectOr(parsePayload(row.data)).materials;
  if (!Array.isArray(materials)) return null;
  const m = materials.find((x) => objectOr(x).code === materialCode);
  return num(objectOr(m).validityMonths);
}

function applyApplication(db: Db, e: HeldEvent, p: Payload, blobs: Set<string>): void {
  const applicationId = str(p.applicationId);
  const projectId = ensureProject(db, p, e.at);
  if (!applicationId || !projectId) return;
  const materials = Array.isArray(p.materials) ? p.materials.map(objectOr) : [];
  const applicant = objectOr(p.applicant);
  const stage = num(p.stage) ?? 0;
  const catalogVersion = str(p.catalogVersion) ?? '';
  const exists = db.prepare('SELECT status FROM stage_applications WHERE id = ?').get(applicationId) as { status: string } | undefined;
  const parties = { applicant: p.applicant ?? null, agent: p.agent ?? null };
  // One upsert: a placeholder made earlier from a case event is completed now the application arrived.
  db.prepare(
    `INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, items, form, applicant_name, applicant_id_number,
       accepted_at, accepted_by, window_number, mode, parties, materials, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, stage = excluded.stage, catalog_version = excluded.catalog_version,
       status = 'accepted', items = excluded.items, form = excluded.form, applicant_name = excluded.applicant_name,
       applicant_id_number = excluded.applicant_id_number, accepted_at = excluded.accepted_at, accepted_by = excluded.accepted_by,
       window_number = excluded.window_number, mode = excluded.mode, parties = excluded.parties, materials = excluded.materials,
       updated_at = excluded.updated_at`,
  ).run(
    applicationId,
    projectId,
    stage,
    catalogVersion,
    JSON.stringify(p.items ?? []),
    JSON.stringify(p.form ?? {}),
    str(applicant.name),
    str(applicant.idNumber),
    e.at,
    e.actor,
    str(p.window),
    str(p.mode) ?? 'accept',
    JSON.stringify(parties),
    JSON.stringify(materials),
    e.at,
    e.at,
  );
  if (exists) {
    // Cases replicated before their application carry no parties yet: fill them in.
    db.prepare(
      `UPDATE item_cases SET applicant_name = ?, applicant_id_number = ?, applicant_certificate_type = ?, agent_name = ?, agent_id_number = ?, agent_certificate_type = ?
       WHERE application_id = ? AND applicant_name = ''`,
    ).run(
      str(applicant.name) ?? '',
      str(applicant.idNumber) ?? '',
      str(applicant.certificateType),
      str(objectOr(p.agent).name) ?? '',
      str(objectOr(p.agent).idNumber) ?? '',
      str(objectOr(p.agent).certificateType),
      applicationId,
    );
  }
  // The project's material library: what this stage received, as the accepting window filed it.
  const library = db.prepare(
    `INSERT INTO project_materials (id, project_id, material_code, material_name, blob_refs, stage, application_id, received_on, valid_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const already = db.prepare('SELECT 1 FROM project_materials WHERE application_id = ? AND material_code = ?');
  const receivedOn = e.at.slice(0, 10);
  for (const m of materials) {
    const code = str(m.code);
    const refs = Array.isArray(m.blobRefs) ? m.blobRefs.filter((r): r is string => typeof r === 'string') : [];
    if (!code || m.status !== 'collected' || refs.length === 0 || already.get(applicationId, code)) continue;
    const months = validityMonths(db, catalogVersion, code);
    library.run(
      randomUUID(),
      projectId,
      code,
      str(m.name) ?? code,
      JSON.stringify(refs),
      stage,
      applicationId,
      receivedOn,
      months === null ? null : addMonths(receivedOn, months),
      e.at,
    );
    for (const r of refs) blobs.add(r);
  }
}

function applyCaseAccepted(host: CaseHost, e: HeldEvent, p: Payload, blobs: Set<string>): string | null {
  const db = host.db;
  const caseId = str(p.caseId);
  const applicationId = str(p.applicationId);
  const caseNumber = str(p.caseNumber);
  const acceptedOn = str(p.acceptedOn);
  const promised = objectOr(p.promisedLimit);
  const promisedValue = num(promised.value);
  const promisedUnit = promised.unit === 'natural-day' ? 'natural-day' : 'workday';
  if (!caseId || !applicationId || !caseNumber || !acceptedOn || promisedValue === null) return null;
  if (findCase(db, { id: caseId })) return caseId;
  const projectId = ensureProject(db, p, e.at);
  if (!projectId) return null;
  const app = db.prepare('SELECT applicant_name, applicant_id_number, parties FROM stage_applications WHERE id = ?').get(applicationId) as
    { applicant_name: string | null; applicant_id_number: string | null; parties: string } | undefined;
  if (!app) {
    // The application's own event has not arrived: a placeholder the reuse queries ignore.
    db.prepare(
      `INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, items, form, created_at, updated_at)
       VALUES (?, ?, 0, ?, 'replica', '[]', '{}', ?, ?)`,
    ).run(applicationId, projectId, str(p.catalogVersion) ?? '', e.at, e.at);
  }
  // The application's parties when its event came; else those the case event carries.
  const parties = app ? objectOr(parsePayload(app.parties)) : { applicant: p.applicant, agent: p.agent };
  const applicant = objectOr(parties.applicant);
  const agent = objectOr(parties.agent);
  const config = host.config();
  const clock: CaseClock = {
    acceptedOn,
    limit: { value: promisedValue, unit: promisedUnit },
    countAcceptanceDay: config.supervision.countAcceptanceDay,
    pauses: [],
    extensions: [],
    extensionCapWorkdays: STATUTORY_LIMITS.decisionExtensionWorkdays,
  };
  const statutory = objectOr(p.statutoryLimit);
  const deficiency = p.deficiency && typeof p.deficiency === 'object' ? (p.deficiency as CaseRecord['deficiency']) : undefined;
  const record: CaseRecord = {
    specialProcedures: [],
    extensions: [],
    supplements: [],
    ...(statutory.unit === 'natural-day' || statutory.unit === 'workday' ? { statutoryUnit: statutory.unit } : {}),
    ...(deficiency ? { deficiency } : {}),
  };
  const supplyBy = deficiency?.supplyBy ?? null;
  db.prepare(
    `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name,
       applicant_id_number, clerk_id, promised_value, promised_unit, statutory_value, accepted_on, due_on, clock, supervised,
       fee_allowed, deficiency_open, deficiency_due_on, record, created_at, updated_at,
       applicant_certificate_type, agent_name, agent_certificate_type, agent_id_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    caseId,
    caseNumber,
    applicationId,
    projectId,
    str(p.itemCode) ?? '',
    str(p.itemName) ?? '',
    str(p.department) ?? '',
    supplyBy ? 'deficiency' : 'accepted',
    app?.applicant_name ?? str(applicant.name) ?? '',
    app?.applicant_id_number ?? str(applicant.idNumber) ?? '',
    e.actor,
    promisedValue,
    promisedUnit,
    num(statutory.value),
    acceptedOn,
    str(p.dueOn),
    JSON.stringify(clock),
    p.feeAllowed === true ? 1 : 0,
    supplyBy ? 1 : 0,
    supplyBy,
    JSON.stringify(record),
    e.at,
    e.at,
    str(applicant.certificateType),
    str(agent.name) ?? '',
    str(agent.certificateType),
    str(agent.idNumber) ?? '',
  );
  for (const m of Array.isArray(p.materials) ? p.materials.map(objectOr) : []) {
    for (const r of Array.isArray(m.blobRefs) ? m.blobRefs : []) if (typeof r === 'string') blobs.add(r);
  }
  return caseId;
}

/** A lifecycle step another window took: the same changes its command made, from its payload. */
function applyCaseStep(host: CaseHost, e: HeldEvent, p: Payload): string | null {
  const caseId = str(p.caseId) ?? (e.stream.startsWith('case:') ? e.stream.slice('case:'.length) : null);
  if (!caseId) return null;
  const c = findCase(host.db, { id: caseId });
  if (!c) return null;
  switch (e.type) {
    case 'case.decided': {
      const decision = p.decision === 'deny' ? 'deny' : 'approve';
      c.status = 'decided';
      c.decision = decision;
      c.record.decision = { decision, opinion: str(p.opinion) ?? '', decidedBy: e.actor ?? '', decidedAt: e.at };
      break;
    }
    case 'case.signed':
      c.status = 'signed';
      c.signatureId = str(p.signatureId);
      c.record.signature = { signatureId: str(p.signatureId) ?? '', signedBy: e.actor ?? '', signedAt: e.at };
      break;
    case 'case.issued':
      c.status = c.decision === 'deny' ? 'denied' : 'issued';
      c.completedAt = e.at;
      c.completedOn = str(p.completedOn);
      c.onTime = typeof p.onTime === 'boolean' ? p.onTime : null;
      c.record.issuance = {
        issuedAt: e.at,
        documentNumber: str(p.documentNumber),
        elicenceId: str(p.elicenceId),
        validUntil: str(p.validUntil),
      };
      break;
    case 'case.rejected':
    case 'case.withdrawn':
      c.status = e.type === 'case.rejected' ? 'rejected' : 'withdrawn';
      c.completedAt = e.at;
      c.record.closure = {
        kind: e.type === 'case.rejected' ? 'rejected' : 'withdrawn',
        reason: str(p.reason) ?? (Array.isArray(p.reasons) ? p.reasons.join('；') : ''),
        at: e.at,
      };
      break;
    default:
      // Kept in hall_replicated_events (the case history shows it); no projection change.
      return caseId;
  }
  const { today } = commandTime(host);
  saveCase(host.db, c, calendarOf(host), today, e.at);
  return caseId;
}

function applyOne(host: CaseHost, e: HeldEvent, p: Payload, blobs: Set<string>): string | null {
  switch (e.type) {
    case 'project.registered':
    case 'project.updated':
      applyProject(host.db, p, e.at);
      return null;
    case 'application.accepted':
      applyApplication(host.db, e, p, blobs);
      return null;
    case 'case.accepted':
      return applyCaseAccepted(host, e, p, blobs);
    case 'decision.signed':
      return applySignature(host, e, p, blobs);
    default:
      return e.stream.startsWith('case:') ? applyCaseStep(host, e, p) : null;
  }
}

/**
 * A leader's signature made at another window (the back office): copied as the signing window
 * journaled it, so this window prints the signature reference and verifies it (hall_signatures,
 * migration 16). The case's own `case.signed` names it by id.
 */
function applySignature(host: CaseHost, e: HeldEvent, p: Payload, blobs: Set<string>): string | null {
  const caseId = e.stream.startsWith('case:') ? e.stream.slice('case:'.length) : null;
  const id = str(p.signatureId);
  const contentHash = str(p.contentHash);
  const documentSha256 = str(p.documentSha256);
  const signatureDer = str(p.signatureDer);
  const publicKey = str(p.publicKey);
  const signer = str(p.signerUserId) ?? e.actor;
  if (!caseId || !id || !contentHash || !documentSha256 || !signatureDer || !publicKey || !signer) return caseId;
  const image = str(p.signatureImageSha256);
  const content = p.content && typeof p.content === 'object' ? JSON.stringify(p.content) : null;
  host.db
    .prepare(
      `INSERT INTO hall_signatures (id, case_ref, content_json, content_hash, document_sha256, signature, public_key, signer_user_id, signer_name,
       clerk_user_id, signed_at, image_blob, event_id, workstation_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(
      id,
      caseId,
      content,
      contentHash,
      documentSha256,
      signatureDer,
      publicKey,
      signer,
      str(p.signerName),
      str(p.clerkUserId),
      e.at,
      image,
      e.id,
      e.workstationId ?? null,
      commandTime(host).at,
    );
  // The handwritten image prints on the decision: fetched from the hall like the scans.
  if (image) blobs.add(image);
  return caseId;
}
