/**
 * 一次性告知 and 不予受理 before any case is opened (issue 11). The clerk has composed the stage and
 * typed part of the form; a required material is missing or defective (and not eligible for
 * 容缺), or the application is not for this hall at all. The record keeps what the paper says —
 * names, items, materials with what is wrong and what to bring, or the reasons — journals the
 * act, and links to the draft so the returning applicant's application is found again.
 * Material names, requirements, bodies and places come from the catalog, never from the screen.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import type {
  PreAcceptanceListInput,
  PreAcceptanceNotifyInput,
  PreAcceptanceRejectInput,
  PreAcceptanceView,
} from '../../shared/api/pre-acceptance';
import { findItem, findMaterial, findStage, type Catalog, type CatalogItem } from '../../shared/domain/catalog';
import { maskName } from '../../shared/domain/identifiers';
import type { Actor } from '../cases/actor';
import { civilDateCst } from '../cases/case-time';
import { appendEvents } from '../store/journal';
import type { AcceptanceService } from './service';
import { withHallValues } from './hall-guide';

type Notify = z.output<typeof PreAcceptanceNotifyInput>;
type Reject = z.output<typeof PreAcceptanceRejectInput>;
type ListInput = z.output<typeof PreAcceptanceListInput>;
type Kind = PreAcceptanceView['kind'];

export const PRE_ACCEPTANCE_EVENTS = { 'one-time-notice': 'preAcceptance.notified', rejection: 'preAcceptance.rejected' } as const;
const NUMBER_PREFIX: Record<Kind, string> = { 'one-time-notice': 'GZ', rejection: 'BSL' };

/** What the record stores as printed; also what the documents render from. */
export interface PreAcceptanceData {
  stageName: string;
  items: { code: string; name: string; department: string }[];
  applicantName: string;
  builderName: string | null;
  builderUscc: string | null;
  agentName: string | null;
  agentPhone: string | null;
  projectName: string | null;
  projectCode: string | null;
  projectAddress: string | null;
  deficiencies: PreAcceptanceView['deficiencies'];
  reasons: string[];
  ground: Reject['ground'] | null;
  /** From the catalog's 办事指南 of the first item: where to bring materials, who hears appeals. */
  location: string;
  hours: string;
  consultPhone: string;
  reconsiderationBody: string;
  litigationBody: string;
  implementingBody: string;
}

interface Row {
  id: string;
  kind: Kind;
  number: string;
  stage: number;
  catalog_version: string;
  data: string;
  draft_id: string | null;
  created_by_name: string;
  created_at: string;
  created_on: string;
}

function text(values: Record<string, unknown>, key: string): string | null {
  const v = values[key];
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return s || null;
}

/** 原件1份、复印件2份（纸质） as the 办事指南 states it. */
export function requirementOf(catalog: Catalog, code: string): string {
  const m = findMaterial(catalog, code);
  if (!m) return '按办事指南要求提交';
  const parts: string[] = [];
  if (m.originals > 0) parts.push(`原件${m.originals}份`);
  if (m.copies > 0) parts.push(`复印件${m.copies}份`);
  const count = parts.join('、') || m.form;
  return `${count}（${m.medium}）${m.spec ? `，${m.spec}` : ''}`;
}

export class PreAcceptanceRecords {
  constructor(private readonly svc: AcceptanceService) {}

  notify(input: Notify, actor: Actor): PreAcceptanceView {
    const catalog = this.svc.catalogFor(input.catalogVersion);
    const items = this.items(catalog, input.itemCodes);
    const needed = new Set(items.flatMap((i) => i.materials.map((r) => r.material)));
    const seen = new Set<string>();
    const deficiencies = input.deficiencies.map((d, i) => {
      if (seen.has(d.code))
        throw new AppError('VALIDATION', '同一份材料选择了两次，请去掉重复的一行', [{ path: `deficiencies.${i}.code`, message: '重复' }]);
      seen.add(d.code);
      const m = findMaterial(catalog, d.code);
      if (!m || !needed.has(d.code)) {
        throw new AppError('VALIDATION', `材料 ${d.code} 不属于所选事项，请刷新材料清单后重试`, [
          { path: `deficiencies.${i}.code`, message: '不属于所选事项' },
        ]);
      }
      return {
        code: d.code,
        name: m.name,
        kind: d.kind,
        problem: d.kind === 'missing' ? (d.problem ? `未提交；${d.problem}` : '未提交') : (d.problem ?? ''),
        requirement: requirementOf(catalog, d.code),
      };
    });
    return this.record('one-time-notice', input, catalog, items, { deficiencies, reasons: [], ground: null }, actor);
  }

  reject(input: Reject, actor: Actor): PreAcceptanceView {
    const catalog = this.svc.catalogFor(input.catalogVersion);
    const items = this.items(catalog, input.itemCodes);
    return this.record('rejection', input, catalog, items, { deficiencies: [], reasons: input.reasons, ground: input.ground }, actor);
  }

  get(id: string): PreAcceptanceView {
    return this.view(this.row(id), false);
  }

  /** The stored record with what its documents print. */
  data(id: string): { row: Row; data: PreAcceptanceData } {
    const row = this.row(id);
    return { row, data: JSON.parse(row.data) as PreAcceptanceData };
  }

  list(input: ListInput): PreAcceptanceView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const when = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      args.push(...values);
    };
    if (input.from) when('created_on >= ?', input.from);
    if (input.to) when('created_on <= ?', input.to);
    if (input.kind) when('kind = ?', input.kind);
    if (input.query) when('(search LIKE ? OR number LIKE ?)', `%${input.query}%`, `%${input.query}%`);
    const sql = `SELECT * FROM pre_acceptance_records ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC LIMIT 200`;
    return (this.svc.host.db.prepare(sql).all(...args) as Row[]).map((r) => this.view(r, true));
  }

  private items(catalog: Catalog, codes: readonly string[]): CatalogItem[] {
    return codes.map((code, i) => {
      try {
        return findItem(catalog, code);
      } catch {
        throw new AppError('VALIDATION', `事项 ${code} 不在当前事项目录中，请返回“选择阶段”重新组成表单`, [
          { path: `itemCodes.${i}`, message: '不在事项目录中' },
        ]);
      }
    });
  }

  private record(
    kind: Kind,
    input: Notify | Reject,
    catalog: Catalog,
    items: CatalogItem[],
    facts: Pick<PreAcceptanceData, 'deficiencies' | 'reasons' | 'ground'>,
    actor: Actor,
  ): PreAcceptanceView {
    const db = this.svc.host.db;
    if (input.draftId && !db.prepare('SELECT 1 FROM application_drafts WHERE id = ?').get(input.draftId)) {
      throw new AppError('NOT_FOUND', '找不到要关联的草稿（可能已受理或已删除），请重新暂存草稿后再出具');
    }
    const v = input.values;
    const builderName = text(v, 'builder.name');
    const agentName = text(v, 'agent.name') ?? text(v, 'builder.legalRep.name');
    const applicantName = builderName ?? agentName;
    if (!applicantName) {
      throw new AppError('VALIDATION', '请先在申请表中填写建设单位名称或经办人姓名：文书须写明送达对象', [
        { path: 'values.builder.name', message: '请填写建设单位名称' },
      ]);
    }
    const guide = withHallValues(items[0]!.guide, this.svc.host.config());
    const data: PreAcceptanceData = {
      stageName: findStage(catalog, input.stage).name,
      items: items.map((i) => ({
        code: i.code,
        name: i.name,
        department: catalog.departments.find((d) => d.code === i.department)?.name ?? i.department,
      })),
      applicantName,
      builderName,
      builderUscc: text(v, 'builder.uscc'),
      agentName,
      agentPhone: text(v, 'agent.phone'),
      projectName: text(v, 'project.name'),
      projectCode: text(v, 'project.code'),
      projectAddress: text(v, 'project.location'),
      ...facts,
      location: guide.location,
      hours: guide.hours,
      consultPhone: guide.consultPhone,
      reconsiderationBody: guide.reconsiderationBody,
      litigationBody: guide.litigationBody,
      implementingBody: guide.implementingBody,
    };
    const now = this.svc.host.now();
    const at = now.toISOString();
    const on = civilDateCst(now);
    const id = randomUUID();
    const search = [applicantName, builderName, agentName, data.projectName, data.projectCode].filter(Boolean).join(' ');
    db.transaction(() => {
      const n =
        (db.prepare('SELECT COUNT(*) AS n FROM pre_acceptance_records WHERE kind = ? AND created_on = ?').get(kind, on) as { n: number })
          .n + 1;
      const number = `${NUMBER_PREFIX[kind]}-${on.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
      db.prepare(
        `INSERT INTO pre_acceptance_records (id, kind, number, stage, catalog_version, data, search, draft_id, created_by, created_by_name, created_at, created_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        kind,
        number,
        input.stage,
        catalog.version,
        JSON.stringify(data),
        search,
        input.draftId ?? null,
        actor.id,
        actor.displayName,
        at,
        on,
      );
      // Codes and counts only: the names stay in the record, not in the journal's payloads.
      appendEvents(db, [
        {
          stream: `pre-acceptance:${id}`,
          type: PRE_ACCEPTANCE_EVENTS[kind],
          payload: {
            id,
            number,
            stage: input.stage,
            catalogVersion: catalog.version,
            items: data.items.map((i) => i.code),
            materials: data.deficiencies.map((d) => ({ code: d.code, kind: d.kind })),
            reasons: data.reasons.length,
            ground: data.ground,
            draftId: input.draftId ?? null,
          },
          actor: actor.id,
          at,
        },
      ]);
    })();
    return this.get(id);
  }

  private row(id: string): Row {
    const row = this.svc.host.db.prepare('SELECT * FROM pre_acceptance_records WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到该受理前记录（一次性告知或不予受理），请刷新后重试');
    return row;
  }

  private view(row: Row, masked: boolean): PreAcceptanceView {
    const d = JSON.parse(row.data) as PreAcceptanceData;
    const draftOpen =
      row.draft_id !== null && this.svc.host.db.prepare('SELECT 1 FROM application_drafts WHERE id = ?').get(row.draft_id) !== undefined;
    // A unit's name is public; a person's name is masked in lists.
    const applicantName = masked && !d.builderName ? maskName(d.applicantName) : d.applicantName;
    return {
      id: row.id,
      kind: row.kind,
      number: row.number,
      createdAt: row.created_at,
      createdOn: row.created_on,
      clerk: row.created_by_name,
      stage: row.stage,
      stageName: d.stageName,
      items: d.items,
      applicantName,
      builderName: d.builderName,
      projectName: d.projectName,
      projectCode: d.projectCode,
      deficiencies: d.deficiencies,
      reasons: d.reasons,
      draftId: row.draft_id,
      draftOpen,
    };
  }
}

/** Dates the record prints, in the hall's zone. */
export function recordDate(row: { created_at: string }): string {
  return civilDateCst(new Date(row.created_at));
}
