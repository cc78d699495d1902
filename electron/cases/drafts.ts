/**
 * Unfinished applications the clerk parks (the applicant went to fetch a seal). Not journaled:
 * nothing has been accepted, and a draft may be discarded; acceptance deletes its draft in the
 * same transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { Actor } from './actor';
import type { CaseHost } from './case-host';

const MAX_DRAFT_CHARS = 2_000_000;

export interface DraftSummary {
  draftId: string;
  title: string;
  updatedAt: string;
  createdBy: string | null;
}

interface DraftRow {
  id: string;
  title: string;
  data: string;
  created_by: string | null;
  updated_at: string;
}

export function saveDraft(
  host: CaseHost,
  input: { draftId?: string | undefined; title: string; data: Record<string, unknown> },
  actor: Actor,
): DraftSummary {
  const data = JSON.stringify(input.data);
  if (data.length > MAX_DRAFT_CHARS) throw new AppError('TOO_LARGE', '草稿内容过大，请先受理或删去不需要的内容');
  const at = host.now().toISOString();
  if (input.draftId) {
    const info = host.db
      .prepare('UPDATE application_drafts SET title = ?, data = ?, updated_at = ? WHERE id = ?')
      .run(input.title, data, at, input.draftId);
    if (info.changes === 0) throw new AppError('NOT_FOUND', '找不到该草稿（可能已受理或已删除），请重新开始');
    const row = host.db.prepare('SELECT created_by FROM application_drafts WHERE id = ?').get(input.draftId) as {
      created_by: string | null;
    };
    return { draftId: input.draftId, title: input.title, updatedAt: at, createdBy: row.created_by };
  }
  const id = randomUUID();
  host.db
    .prepare('INSERT INTO application_drafts (id, title, data, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, input.title, data, actor.id, at, at);
  return { draftId: id, title: input.title, updatedAt: at, createdBy: actor.id };
}

export function listDrafts(host: CaseHost): DraftSummary[] {
  const rows = host.db
    .prepare('SELECT id, title, created_by, updated_at FROM application_drafts ORDER BY updated_at DESC LIMIT 200')
    .all() as Omit<DraftRow, 'data'>[];
  return rows.map((r) => ({ draftId: r.id, title: r.title, updatedAt: r.updated_at, createdBy: r.created_by }));
}

export function loadDraft(host: CaseHost, draftId: string): DraftSummary & { data: Record<string, unknown> } {
  const row = host.db.prepare('SELECT * FROM application_drafts WHERE id = ?').get(draftId) as DraftRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该草稿（可能已受理或已删除）');
  const data = JSON.parse(row.data) as unknown;
  const object = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { draftId: row.id, title: row.title, updatedAt: row.updated_at, createdBy: row.created_by, data: object };
}

export function deleteDraft(host: CaseHost, draftId: string): void {
  host.db.prepare('DELETE FROM application_drafts WHERE id = ?').run(draftId);
}
