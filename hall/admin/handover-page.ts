import type { WindowRow } from '../core/enrolment';
import { escapeHtml as h } from '../http-util';
import type { Sql } from '../store/sql';

/**
 * The admin's hand-over is found by the case number printed on the applicant's notice (办件编号),
 * never by the internal id, and the case is shown (item, department, holder) before the admin
 * confirms: a mistyped number must not silently move somebody else's case.
 */
export interface HandoverCandidate {
  caseId: string;
  caseNumber: string;
  itemName: string | null;
  department: string | null;
  status: string;
  holder: string | null;
  holderName: string | null;
  acceptedByName: string | null;
  acceptedOn: string | null;
}

/** Clerks copy numbers from paper: full-width letters/digits/dashes and stray spaces are forgiven. */
export function normaliseCaseNumber(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

export async function findCaseByNumber(sql: Sql, input: string): Promise<HandoverCandidate[]> {
  const caseNumber = normaliseCaseNumber(input);
  if (!caseNumber) return [];
  const rows = await sql.query<{
    case_id: string;
    case_number: string;
    item_name: string | null;
    department: string | null;
    status: string;
    holder: string | null;
    holder_name: string | null;
    accepted_name: string | null;
    accepted_on: string | null;
  }>(
    `SELECT c.case_id, c.case_number, c.item_name, c.department, c.status, c.holder, hw.window_name AS holder_name,
            aw.window_name AS accepted_name, c.accepted_on
       FROM hall_cases c
       LEFT JOIN workstations hw ON hw.id = c.holder
       LEFT JOIN workstations aw ON aw.id = c.accepted_by
      WHERE UPPER(c.case_number) = $1
      ORDER BY c.accepted_on, c.case_id`,
    [caseNumber],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    caseNumber: r.case_number,
    itemName: r.item_name,
    department: r.department,
    status: r.status,
    holder: r.holder,
    holderName: r.holder_name,
    acceptedByName: r.accepted_name,
    acceptedOn: r.accepted_on,
  }));
}

/** The confirmation step: the case as the hall knows it and a form that moves exactly this case. */
export function handoverConfirmHtml(
  input: string,
  found: HandoverCandidate[],
  windows: WindowRow[],
  statusLabel: (s: string) => string,
): { status: number; body: string } {
  if (found.length === 0)
    return {
      status: 404,
      body: `<p class="err">大厅服务器上没有办件编号为“${h(normaliseCaseNumber(input) || input)}”的办件。请核对受理通知书上的办件编号；若该办件刚刚受理，请待受理窗口同步后再试。</p><p><a href="/admin">返回</a></p>`,
    };
  const live = windows.filter((w) => !w.revoked_at);
  const sections = found.map((c) => {
    const targets = live.filter((w) => w.id !== c.holder);
    const options = targets.map((w) => `<option value="${h(w.id)}">${h(w.window_name)}</option>`).join('');
    return `<section><table class="case" id="handover-case"><tbody>
<tr><th>办件编号</th><td>${h(c.caseNumber)}</td></tr>
<tr><th>事项</th><td>${h(c.itemName ?? '—')}</td></tr>
<tr><th>部门</th><td>${h(c.department ?? '—')}</td></tr>
<tr><th>受理窗口</th><td>${h(c.acceptedByName ?? '—')}</td></tr>
<tr><th>当前持有窗口</th><td id="handover-holder">${h(c.holderName ?? (c.holder ? '（已不在窗口列表中）' : '无'))}</td></tr>
<tr><th>状态</th><td>${h(statusLabel(c.status))}</td></tr>
<tr><th>受理日期</th><td>${h(c.acceptedOn ?? '—')}</td></tr>
</tbody></table>
${
  options
    ? `<form method="post" action="/admin/handover"><input type="hidden" name="caseId" value="${h(c.caseId)}"><input type="hidden" name="caseNumber" value="${h(c.caseNumber)}"><label>移交给 <select name="to">${options}</select></label> <label>原因 <input name="note" maxlength="200"></label> <button>确认移交</button></form>`
    : '<p class="err">没有其他在用的窗口可以接收此办件，请先签发登记码登记目标窗口。</p>'
}</section>`;
  });
  const many = found.length > 1 ? '<p class="err">这个办件编号对应多个办件，请核对受理窗口和日期后选择要移交的一件。</p>' : '';
  return { status: 200, body: `${many}${sections.join('')}<p><a href="/admin">取消，返回</a></p>` };
}
