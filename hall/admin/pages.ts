import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  STAT_DIMENSIONS,
  WINDOW_ROLE_LABELS,
  WINDOW_ROLES,
  statisticsQuery,
  windowAssignment,
  type StatDimension,
  type WindowAssignment,
  type WindowRole,
} from '../../shared/protocol';
import { boardPage, statistics } from '../core/board';
import { assignWindow, issueEnrolmentCode, listWindows, revokeWindow, type HallIdentity } from '../core/enrolment';
import { handOver } from '../core/handover';
import { CatalogDepartmentList } from './catalog-departments';
import { findCaseByNumber, handoverConfirmHtml } from './handover-page';
import { escapeHtml as h, formBody, header, readBody, sendHtml } from '../http-util';
import type { PushChannel } from '../push';
import type { Sql } from '../store/sql';
import { adminPasswordMatches, ensureAdminPassword } from './password';
import { xlsx } from './xlsx';

/**
 * The hall admin page (Chinese, server-rendered HTML, no script): windows with last contact,
 * queued events and sync lag; enrolment codes; roles (back offices per department, issuing
 * windows); the hall-wide board and statistics with .xlsx export. Sessions are an HttpOnly,
 * SameSite=Strict cookie; forms also check the Origin header.
 */
const SESSION_MS = 8 * 3600_000;
const STAT_LABELS: Record<StatDimension, string> = { department: '部门', item: '事项', window: '窗口', clerk: '受理人' };
const STATUS_LABELS: Record<string, string> = {
  accepted: '已受理',
  correction: '补正中',
  suspended: '已中止',
  'special-procedure': '特别程序',
  decided: '已决定',
  signed: '已签发',
  rejected: '不予受理',
  returned: '已退回',
  withdrawn: '已撤回',
  completed: '已办结',
};

const statusLabel = (s: string): string => STATUS_LABELS[s] ?? s;

export class AdminPages {
  private readonly sessions = new Map<string, number>();
  /** Printed once by `npm run hall` on first start. */
  firstPassword: string | null = null;
  private readonly departments = new CatalogDepartmentList();

  constructor(
    private readonly sql: Sql,
    private readonly hall: HallIdentity,
    private readonly now: () => number,
    private readonly push: PushChannel,
  ) {}

  async init(): Promise<void> {
    this.firstPassword = await ensureAdminPassword(this.sql);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (url.pathname === '/' || url.pathname === '/admin/') return void res.writeHead(302, { location: '/admin' }).end();
    if (method === 'POST' && !this.sameOrigin(req))
      return sendHtml(res, 403, this.layout('拒绝', '<p class="err">请求来源不符，请从管理页面重新操作。</p>'));
    if (url.pathname === '/admin/login') return this.login(req, res, method);
    if (!this.loggedIn(req)) return void res.writeHead(302, { location: '/admin/login' }).end();
    const body = method === 'POST' ? ((await readBody(req, 64 * 1024)) ?? new Uint8Array()) : new Uint8Array();
    const form = formBody(body);
    const today = new Date(this.now()).toISOString().slice(0, 10);
    switch (`${method} ${url.pathname}`) {
      case 'GET /admin':
        return sendHtml(res, 200, await this.dashboard(url, today));
      case 'POST /admin/codes': {
        const a = this.assignmentFrom(form);
        if (!a.ok) return this.refuse(res, '登记码', a.message);
        const code = await issueEnrolmentCode(this.sql, a.assignment, new Date(this.now()));
        return sendHtml(
          res,
          200,
          this.layout(
            '登记码',
            `<p>${h(a.assignment.windowName)}（${h(WINDOW_ROLE_LABELS[a.assignment.role])}）的一次性登记码：</p><p class="code" id="enrolment-code">${h(code)}</p><p>请在该工作站“工位设置”中输入此码。登记码只显示这一次，7 天内有效，用过即失效。</p><p><a href="/admin">返回</a></p>`,
          ),
        );
      }
      case 'POST /admin/windows/revoke':
        await revokeWindow(this.sql, form.get('id') ?? '', new Date(this.now()));
        return void res.writeHead(303, { location: '/admin' }).end();
      case 'POST /admin/windows/assign': {
        const a = this.assignmentFrom(form);
        if (!a.ok) return this.refuse(res, '窗口角色', a.message);
        await assignWindow(this.sql, form.get('id') ?? '', a.assignment, new Date(this.now()));
        return void res.writeHead(303, { location: '/admin' }).end();
      }
      case 'GET /admin/handover': {
        const input = url.searchParams.get('caseNumber') ?? '';
        const page = handoverConfirmHtml(input, await findCaseByNumber(this.sql, input), await listWindows(this.sql), statusLabel);
        return sendHtml(res, page.status, this.layout('移交办件', page.body));
      }
      case 'POST /admin/handover': {
        // The id comes only from the confirmation page, which showed the case found by its number.
        const caseId = form.get('caseId') ?? '';
        if (!caseId)
          return void res
            .writeHead(303, { location: `/admin/handover?caseNumber=${encodeURIComponent(form.get('caseNumber') ?? '')}` })
            .end();
        const to = form.get('to') ?? '';
        const outcome = await handOver(
          this.sql,
          'hall-admin',
          { handoverId: randomUUID(), caseId, toWorkstation: to, note: form.get('note') || null },
          new Date(this.now()).toISOString(),
          true,
        );
        if (!outcome.ok)
          return sendHtml(res, 400, this.layout('移交', `<p class="err">${h(outcome.message)}</p><p><a href="/admin">返回</a></p>`));
        const target = (await listWindows(this.sql)).find((w) => w.id === to)?.window_name ?? to;
        return sendHtml(
          res,
          200,
          this.layout(
            '移交办件',
            `<p id="handover-done">办件 ${h(form.get('caseNumber') ?? '')} 已移交给 ${h(target)}，该窗口联网后即在待办中看到。</p><p><a href="/admin">返回</a></p>`,
          ),
        );
      }
      case 'GET /admin/statistics.xlsx': {
        const q = statisticsQuery.safeParse({
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
          by: url.searchParams.get('by') ?? 'department',
        });
        if (!q.success) return sendHtml(res, 400, this.layout('导出', '<p class="err">请给出起止日期（YYYY-MM-DD）。</p>'));
        const s = await statistics(this.sql, q.data);
        const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
        const rows = [
          [STAT_LABELS[q.data.by], '受理', '办结', '按时办结', '按时办结率', '一次办结', '一次办结率', '评价数', '好评', '差评', '好评率'],
          ...s.rows.map((r) => [
            r.key,
            r.accepted,
            r.completed,
            r.onTime,
            pct(r.onTimeRate),
            r.oneVisit,
            pct(r.oneVisitRate),
            r.ratings,
            r.good,
            r.bad,
            pct(r.goodRate),
          ]),
        ];
        const file = xlsx('统计', rows);
        res.writeHead(200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="hall-statistics-${q.data.from}-${q.data.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`大厅统计-${STAT_LABELS[q.data.by]}-${q.data.from}至${q.data.to}.xlsx`)}`,
        });
        return void res.end(file);
      }
      default:
        return sendHtml(res, 404, this.layout('未找到', '<p>没有这个页面。<a href="/admin">返回管理页</a></p>'));
    }
  }

  /** A window's name, role and department from the admin's form, with the catalog's say on the department. */
  private assignmentFrom(form: URLSearchParams): { ok: true; assignment: WindowAssignment } | { ok: false; message: string } {
    const a = windowAssignment.safeParse({
      windowName: form.get('windowName') ?? '',
      role: form.get('role'),
      department: form.get('department') || null,
    });
    if (!a.success)
      return {
        ok: false,
        message: `${a.error.issues[0]?.message ?? '请填写窗口名称和角色'}。`,
      };
    const refused = this.departments.refusal(a.data.department, a.data.role === 'back-office');
    return refused ? { ok: false, message: refused } : { ok: true, assignment: a.data };
  }

  private refuse(res: ServerResponse, title: string, message: string): void {
    sendHtml(res, 400, this.layout(title, `<p class="err">${h(message)}</p><p><a href="/admin">返回</a></p>`));
  }

  private sameOrigin(req: IncomingMessage): boolean {
    const origin = header(req, 'origin');
    return !origin || origin === `http://${header(req, 'host') ?? ''}`;
  }

  private loggedIn(req: IncomingMessage): boolean {
    const token = /(?:^|;\s*)hall_admin=([0-9a-f]{64})/.exec(header(req, 'cookie') ?? '')?.[1];
    const until = token ? this.sessions.get(token) : undefined;
    return until !== undefined && until > this.now();
  }

  private async login(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (method === 'POST') {
      const form = formBody((await readBody(req, 4096)) ?? new Uint8Array());
      if (await adminPasswordMatches(this.sql, form.get('password') ?? '')) {
        const token = randomBytes(32).toString('hex');
        this.sessions.set(token, this.now() + SESSION_MS);
        return void res
          .writeHead(303, { location: '/admin', 'set-cookie': `hall_admin=${token}; HttpOnly; SameSite=Strict; Path=/admin` })
          .end();
      }
      return sendHtml(
        res,
        401,
        this.loginForm('密码不正确。首次启动时密码已打印在服务器窗口；忘记密码请在服务器上运行 npm run hall -- reset-admin-password。'),
      );
    }
    return sendHtml(res, 200, this.loginForm(null));
  }

  private loginForm(error: string | null): string {
    return this.layout(
      '登录',
      `${error ? `<p class="err">${h(error)}</p>` : ''}<form method="post" action="/admin/login"><label>管理员密码 <input type="password" name="password" autofocus required></label> <button>登录</button></form>`,
    );
  }

  private async dashboard(url: URL, today: string): Promise<string> {
    const windows = await listWindows(this.sql);
    const online = this.push.connected;
    const nowMs = this.now();
    const ago = (iso: string | null): string => {
      if (!iso) return '从未';
      const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
      return s < 60 ? `${s} 秒前` : s < 3600 ? `${Math.round(s / 60)} 分钟前` : `${Math.round(s / 3600)} 小时前`;
    };
    const roleOptions = (selected: string): string =>
      WINDOW_ROLES.map((r) => `<option value="${r}"${r === selected ? ' selected' : ''}>${h(WINDOW_ROLE_LABELS[r])}</option>`).join('');
    const catalog = this.departments.current();
    // Only the catalog's departments can be chosen; a stored department the catalog no longer
    // has stays visible (marked) so the admin sees the back office that receives nothing.
    const departmentOptions = (selected: string | null): string =>
      [
        `<option value=""${selected === null ? ' selected' : ''}>（无）</option>`,
        ...(selected !== null && !(catalog.ok && catalog.names.includes(selected))
          ? [`<option value="${h(selected)}" selected>${h(selected)}（不在事项目录中）</option>`]
          : []),
        ...(catalog.ok ? catalog.names : []).map((n) => `<option value="${h(n)}"${n === selected ? ' selected' : ''}>${h(n)}</option>`),
      ].join('');
    const windowRows = windows
      .map(
        (
          w,
        ) => `<tr${w.revoked_at ? ' class="revoked"' : ''}><td>${h(w.window_name)}</td><td>${h(WINDOW_ROLE_LABELS[w.role as WindowRole] ?? w.role)}</td><td>${h(w.department ?? '')}${w.department !== null && catalog.ok && !catalog.names.includes(w.department) ? '<span class="err">（不在事项目录中，收不到办件）</span>' : ''}</td>
<td>${online.has(w.id) ? '在线' : '离线'}</td><td>${h(ago(w.last_contact_at))}</td><td>${h(w.queued ?? '—')}</td><td>${w.lag_ms === null ? '—' : h(`${(Number(w.lag_ms) / 1000).toFixed(1)} 秒`)}</td>
<td>${
          w.revoked_at
            ? `已停用`
            : `<form method="post" action="/admin/windows/assign" class="inline"><input type="hidden" name="id" value="${h(w.id)}"><input name="windowName" value="${h(w.window_name)}" size="8" aria-label="窗口名称"><select name="role" aria-label="角色">${roleOptions(w.role)}</select><select name="department" aria-label="部门">${departmentOptions(w.department)}</select><button>保存</button></form>
<form method="post" action="/admin/windows/revoke" class="inline"><input type="hidden" name="id" value="${h(w.id)}"><button class="danger">停用</button></form>`
        }</td></tr>`,
      )
      .join('');
    const board = await boardPage(this.sql, { after: url.searchParams.get('after') ?? undefined, limit: 20 }, today);
    const boardRows = board.rows
      .map(
        (r) =>
          `<tr${r.overdue ? ' class="overdue"' : ''}><td>${h(r.caseNumber)}</td><td>${h(r.projectCode)}</td><td>${h(r.itemName)}</td><td>${h(r.department)}</td><td>${h(r.window)}</td><td>${h(STATUS_LABELS[r.status] ?? r.status)}</td><td>${h(r.acceptedOn)}</td><td>${h(r.dueOn)}</td><td>${h(r.completedOn)}</td></tr>`,
      )
      .join('');
    const from = url.searchParams.get('from') ?? `${today.slice(0, 7)}-01`;
    const to = url.searchParams.get('to') ?? today;
    const by = (STAT_DIMENSIONS as readonly string[]).includes(url.searchParams.get('by') ?? '')
      ? (url.searchParams.get('by') as StatDimension)
      : 'department';
    const stats = await statistics(this.sql, { from, to, by });
    const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
    const statRows = stats.rows
      .map(
        (r) =>
          `<tr><td>${h(r.key)}</td><td>${r.accepted}</td><td>${r.completed}</td><td>${pct(r.onTimeRate)}</td><td>${pct(r.oneVisitRate)}</td><td>${r.good}</td><td>${r.bad}</td><td>${pct(r.goodRate)}</td></tr>`,
      )
      .join('');
    return this.layout(
      '大厅管理',
      `${catalog.ok ? '' : `<p class="err" id="catalog-error">${h(catalog.message)}</p>`}<section><h2>窗口</h2><table id="windows"><thead><tr><th>窗口</th><th>角色</th><th>部门</th><th>推送</th><th>最近联系</th><th>待同步事件</th><th>同步延迟</th><th>操作</th></tr></thead><tbody>${windowRows || '<tr><td colspan="8">尚无登记的窗口</td></tr>'}</tbody></table></section>
<section><h2>签发登记码</h2><form method="post" action="/admin/codes"><label>窗口名称 <input name="windowName" required maxlength="40"></label> <label>角色 <select name="role">${roleOptions('counter')}</select></label> <label>部门（部门后台必选） <select name="department">${departmentOptions(null)}</select></label> <button>签发一次性登记码</button></form></section>
<section><h2>移交办件</h2><form method="get" action="/admin/handover"><label>办件编号（受理通知书上的编号） <input name="caseNumber" required maxlength="60"></label> <button>查找办件</button></form></section>
<section><h2>大厅督办看板</h2><table id="board"><thead><tr><th>办件编号</th><th>项目代码</th><th>事项</th><th>部门</th><th>受理窗口</th><th>状态</th><th>受理日期</th><th>承诺办结</th><th>办结日期</th></tr></thead><tbody>${boardRows || '<tr><td colspan="9">暂无办件</td></tr>'}</tbody></table>
<p>${url.searchParams.get('after') ? '<a href="/admin">第一页</a> ' : ''}${board.next ? `<a href="/admin?after=${h(board.next)}">下一页</a>` : ''}</p></section>
<section><h2>统计</h2><form method="get" action="/admin"><label>从 <input name="from" value="${h(from)}" size="10"></label> <label>至 <input name="to" value="${h(to)}" size="10"></label> <label>按 <select name="by">${STAT_DIMENSIONS.map((d) => `<option value="${d}"${d === by ? ' selected' : ''}>${STAT_LABELS[d]}</option>`).join('')}</select></label> <button>统计</button>
<a href="/admin/statistics.xlsx?from=${h(from)}&amp;to=${h(to)}&amp;by=${by}">导出 Excel</a></form>
<table id="statistics"><thead><tr><th>${STAT_LABELS[by]}</th><th>受理</th><th>办结</th><th>按时办结率</th><th>一次办结率</th><th>好评</th><th>差评</th><th>好评率</th></tr></thead><tbody>${statRows || '<tr><td colspan="8">该期间无办件</td></tr>'}</tbody></table></section>`,
    );
  }

  private layout(title: string, body: string): string {
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${h(title)} · ${h(this.hall.hallName)}</title><style>
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#f5f5f5;color:#1f1f1f;font-size:14px}
header{background:#1677ff;color:#fff;padding:12px 24px;font-size:18px}main{padding:16px 24px}section{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:16px;margin:4px 0 12px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #f0f0f0;padding:6px 8px;text-align:left}th{background:#fafafa}
button{background:#1677ff;color:#fff;border:0;border-radius:6px;padding:4px 12px;cursor:pointer}button.danger{background:#ff4d4f}input,select{padding:3px 6px;border:1px solid #d9d9d9;border-radius:6px}
form.inline{display:inline}table.case th{width:9em}table.case{margin-bottom:12px}.err{color:#cf1322}.code{font-size:32px;letter-spacing:4px;font-family:monospace}tr.revoked td{color:#999}tr.overdue td{color:#cf1322}
</style></head><body><header>${h(this.hall.hallName)} · 一窗通大厅服务器 · ${h(title)}</header><main>${body}</main></body></html>`;
  }
}
