/**
 * The case page's history: journal events of the case's stream (and its application's), each
 * with the actor's display name and one Chinese line. Built from the journal, so what the page
 * shows is what the audit chain holds.
 */
import { parseJournalEvent, type JournalEventType, type JournalPayload } from '../../shared/journal';
import { UNKNOWN_WINDOW, windowNameOf } from '../hall/window-names';
import type { Db } from '../store/database';
import { streamEvents, type JournalEvent } from '../store/journal';

const yuan = (fen: number): string => (fen / 100).toFixed(2);
const paperTitle = (title: string): string => title.split(' ')[0] ?? title;
const printOutcome = (outcome: string): string => (outcome === 'completed' ? '' : `（${outcome === 'failed' ? '失败' : '已送打印机'}）`);

/** One line per event type, reading the payload as its schema (shared/journal) says it is. */
const SUMMARIES: { [T in JournalEventType]?: (p: JournalPayload<T>) => string } = {
  'case.accepted': (p) =>
    p.deficiency ? `容缺受理，补齐期限 ${p.deficiency.supplyBy}` : `受理，承诺办结日期 ${p.dueOn ?? '（日历缺失，待定）'}`,
  'case.correction-requested': (p) => `一次性告知补正 ${p.items.length} 项材料，决定时限暂停`,
  'case.rejected': (p) => `不予受理：${p.reasons.join('；')}`,
  'case.supplemented': (p) => {
    const done = p.closes.includes('correction') ? '，补正完成，时限恢复计算' : p.closes.includes('deficiency') ? '，容缺材料已补齐' : '';
    return `补交材料 ${p.materials.length} 份${done}`;
  },
  'case.special-procedure-started': (p) => `开始特别程序（${p.kind}），期间不计入办理时限`,
  'case.special-procedure-ended': (p) => `特别程序（${p.kind ?? ''}）结束，时限恢复计算`,
  'case.extended': (p) => `经 ${p.approverName} 批准延期 ${p.workdays} 个工作日：${p.reason}`,
  'case.decided': (p) => `部门决定：${p.decision === 'deny' ? '不予许可' : '准予许可'}`,
  'case.signed': () => '领导签发',
  // Written by electron/signing on the case's stream when the leader's SM2 key signs the decision.
  'decision.signed': (p) => `领导电子签名（SM2/SM3 ${p.contentHash.slice(0, 16)}）`,
  'case.issued': (p) =>
    p.decision === 'deny' ? '送达不予许可决定，办结' : `出件，办结${p.documentNumber ? `（${p.documentNumber}）` : ''}`,
  'case.withdrawn': (p) => `申请人撤回：${p.reason}`,
  'case.fee-recorded': (p) => `收费 ${yuan(p.amountFen)} 元（凭证 ${p.paymentRef}）`,
  'case.suspended': (p) => `容缺材料逾期未补（期限 ${p.supplyBy}），中止办理`,
  'case.returned': () => '容缺材料超过宽限期仍未补齐，退件',
  'case.id-number-revealed': () => '查看了申请人完整身份证号',
  // Written by electron/hall when the holding window hands the case to another window of the hall.
  'case.handed-over': (p) => `移交其他窗口办理${p.note ? `：${p.note}` : ''}`,
  // Written by electron/calendar/recompute when a holiday arrangement arrives.
  'case.deadline-recomputed': (p) => `${p.reason}，承诺办结日期由 ${p.from ?? '待定'} 改为 ${p.to ?? '待定'}`,
  'case.partiesCorrected': (p) =>
    `更正申请人信息：${p.changes.map((c) => `${c.label}“${c.from || '（空）'}”改为“${c.to ?? ''}”`).join('；')}（原因：${p.reason}）`,
  // Written by electron/printing for every print and reprint, failures included.
  'document.printed': (p) => `打印《${paperTitle(p.title)}》${printOutcome(p.outcome)}`,
  'document.reprinted': (p) => `重新打印《${paperTitle(p.title)}》${printOutcome(p.outcome)}`,
};

export interface HistoryEntry {
  seq: number;
  type: string;
  actor: string;
  at: string;
  summary: string;
}

export function summarise(event: Pick<JournalEvent, 'stream' | 'type' | 'version' | 'payload'>): string {
  // Older versions are lifted first; an event no schema knows shows as its type.
  const parsed = parseJournalEvent(event);
  if (!parsed.ok) return event.type;
  const { type, payload } = parsed.event;
  // TypeScript does not pair the map's entry with the payload of the same type: the map's type does.
  const line = SUMMARIES[type] as ((p: typeof payload) => string) | undefined;
  return line?.(payload) ?? type;
}

/** Of the visit's stream, only its papers' prints belong on a case page (the rest is on the case's own stream). */
const VISIT_PAPER_EVENTS = new Set(['document.printed', 'document.reprinted']);

export function caseHistory(db: Db, caseId: string): HistoryEntry[] {
  const names = new Map<string, string>();
  const nameOf = (id: string | null): string => {
    if (id === null) return '系统';
    let name = names.get(id);
    if (name === undefined) {
      const row = db.prepare('SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined;
      name = row?.display_name ?? id;
      names.set(id, name);
    }
    return name;
  };
  // The visit's papers (受理通知书, 材料接收凭证) are printed once for the whole stage application
  // and journaled on its stream: every case of the visit shows them, so printing one again from
  // a case page is known to be a reprint (with a reason).
  const app = db.prepare('SELECT application_id FROM item_cases WHERE id = ?').get(caseId) as { application_id: string | null } | undefined;
  const visit = app?.application_id
    ? streamEvents(db, `application:${app.application_id}`).filter((e) => VISIT_PAPER_EVENTS.has(e.type))
    : [];
  const events = [...streamEvents(db, `case:${caseId}`), ...visit].sort((a, b) => a.seq - b.seq);
  const own = events.map((e) => ({ seq: e.seq, type: e.type, actor: nameOf(e.actor), at: e.at, summary: summarise(e) }));
  const elsewhere = replicatedHistory(db, caseId);
  if (elsewhere.length === 0) return own;
  // What other windows of the hall did (accepted at window 3, decided in the back office), by time.
  // Same instant: own events by seq; replicated ones (negative seqs) in the order they arrived.
  return [...own, ...elsewhere].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq < 0 && b.seq < 0 ? b.seq - a.seq : a.seq - b.seq,
  );
}

/**
 * Events other windows journaled about this case, replicated from the hall (issue 13); negative
 * seqs keep them apart. The actor is the window that did it, as the hall names it, with the
 * person when the event carries the name (the leader of a signature); user ids are per window
 * and mean nothing here.
 */
function replicatedHistory(db: Db, caseId: string): HistoryEntry[] {
  const rows = db
    .prepare('SELECT rowid AS n, type, payload, actor, at, workstation_id FROM hall_replicated_events WHERE stream = ? ORDER BY rowid')
    .all(`case:${caseId}`) as {
    n: number;
    type: string;
    payload: string;
    actor: string | null;
    at: string;
    workstation_id: string | null;
  }[];
  const windows = new Map<string | null, string>();
  const windowOf = (id: string | null): string => {
    let name = windows.get(id);
    if (name === undefined) {
      name = windowNameOf(db, id) ?? UNKNOWN_WINDOW;
      windows.set(id, name);
    }
    return name;
  };
  return rows.map((r) => {
    let payload: unknown = null;
    try {
      payload = JSON.parse(r.payload) as unknown;
    } catch {
      payload = null;
    }
    const person = personOf(payload);
    const actor = person ? `${windowOf(r.workstation_id)} · ${person}` : windowOf(r.workstation_id);
    return { seq: -r.n, type: r.type, actor, at: r.at, summary: summarise({ type: r.type, version: 1, stream: '', payload }) };
  });
}

/** The display name an event carries for the person who acted (decision.signed: the leader). */
function personOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const name = (payload as { signerName?: unknown }).signerName;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}
