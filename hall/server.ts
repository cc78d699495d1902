import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  HEADER,
  PLATFORM_CODES,
  PROTOCOL_VERSION,
  blobStateRequest,
  checkpoint,
  elicenceRequest,
  pushRequest,
} from '../electron/sync/wire';
import { hmac, responseCanonical, sha256Hex } from '../electron/sync/signing';
import { HALL_CODES, boardQuery, enrolRequest, handoverRequest, projectRequest, statisticsQuery } from '../shared/protocol';
import { AdminPages } from './admin/pages';
import { AuthRefusal, Authenticator, type Authed } from './auth';
import { boardPage, statistics } from './core/board';
import { appendChunk, blobState, readBlob } from './core/blobs';
import { addCheckpoint, latestCheckpoint, streamState } from './core/checkpoints';
import { enrol, type HallIdentity } from './core/enrolment';
import { acceptEvents } from './core/events';
import { decodeCursor, encodeCursor, feedAfter, feedEpoch, publish } from './core/feed';
import { handOver } from './core/handover';
import { projectLibrary, subscribe } from './core/library';
import { issueBlock } from './core/numbers';
import { elicencesOfHolder } from './elicence-lookup';
import { Refusal, header, parseJson, readBody } from './http-util';
import { schemaRefusals } from './ingest-schema';
import { PushChannel } from './push';
import type { Sql } from './store/sql';

/**
 * The hall server: protocol v1 (docs/platform-protocol.md sections 1–8) and the hall additions
 * (section 9) over one database, plus the hall admin page under /admin. Every answer to an
 * authenticated window is signed over its request's nonce.
 */
export interface HallOptions {
  sql: Sql;
  hall: HallIdentity;
  port?: number;
  host?: string;
  timestampWindowMs?: number;
  /** Test clocks; defaults to Date.now. */
  now?: () => number;
}

export interface HallServer {
  url: string;
  port: number;
  sql: Sql;
  push: PushChannel;
  admin: AdminPages;
  close(): Promise<void>;
}

type Json = Record<string, unknown> | unknown[];

export async function startHall(options: HallOptions): Promise<HallServer> {
  const { sql, hall } = options;
  const now = options.now ?? Date.now;
  const iso = (): string => new Date(now()).toISOString();
  const auth = new Authenticator(sql, now, options.timestampWindowMs ?? 5 * 60_000);
  const push = new PushChannel(sql);
  await push.start();
  const admin = new AdminPages(sql, hall, now, push);
  await admin.init();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // The clerk never sees this: the workstation retries a 5xx later. No payload in the log.
      console.error(`hall: ${req.method} ${req.url?.split('?')[0]}: ${(err as Error).message}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'UNAVAILABLE', message: '大厅服务器暂时无法处理，请稍后重试' }));
      } else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function send(res: ServerResponse, status: number, payload: unknown, authed: Authed | null): void {
    const bytes = payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
    const platformTime = now();
    const headers: Record<string, string> = {
      'content-type': payload instanceof Uint8Array ? 'application/octet-stream' : 'application/json',
      [HEADER.platformTime]: String(platformTime),
    };
    if (authed)
      headers[HEADER.signature] = hmac(
        authed.secret,
        responseCanonical({ nonce: authed.nonce, status, platformTime, bodySha256: sha256Hex(bytes) }),
      );
    res.writeHead(status, headers);
    res.end(bytes);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hall');
    if (url.pathname === '/' || url.pathname.startsWith('/admin')) return admin.handle(req, res, url);
    const body = await readBody(req);
    if (body === null) return send(res, 413, { code: PLATFORM_CODES.tooLarge, message: '请求过大' }, null);
    let authed: Authed | null = null;
    try {
      if (req.method === 'POST' && url.pathname === '/v1/enrol') return send(res, 200, await enrolRoute(body), null);
      authed = await auth.authenticate(req, url, body);
      if (req.method === 'GET' && url.pathname === '/v1/feed/stream') {
        const platformTime = now();
        return push.attach(authed.workstation, res, {
          [HEADER.platformTime]: String(platformTime),
          [HEADER.signature]: hmac(
            authed.secret,
            responseCanonical({ nonce: authed.nonce, status: 200, platformTime, bodySha256: sha256Hex('') }),
          ),
        });
      }
      const result = await dispatch(req, url, body, authed);
      send(res, 200, result, authed);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const signedFor = err instanceof AuthRefusal ? err.authed : authed;
      send(res, err.status, { code: err.code, message: err.message, ...err.extra }, signedFor);
    }
  }

  async function enrolRoute(body: Uint8Array): Promise<unknown> {
    const parsed = enrolRequest.safeParse(parseJson(body));
    if (!parsed.success) throw new Refusal(400, PLATFORM_CODES.badRequest, '请填写登记码');
    const answer = await enrol(sql, parsed.data.code, hall, new Date(now()));
    if (!answer) throw new Refusal(403, HALL_CODES.enrolmentInvalid, '登记码无效、已使用或已过期，请向大厅管理员申请新的登记码');
    return answer;
  }

  function bad(message: string): Refusal {
    return new Refusal(400, PLATFORM_CODES.badRequest, message);
  }

  async function dispatch(req: IncomingMessage, url: URL, body: Uint8Array, a: Authed): Promise<Json | Uint8Array> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const blob = /^\/v1\/blobs\/([0-9a-f]{64})$/.exec(path)?.[1];
    if (method === 'GET' && path === '/v1/hello') {
      return {
        protocol: PROTOCOL_VERSION,
        workstationId: a.workstation,
        platformTime: now(),
        hallName: hall.hallName,
        hallCode: hall.hallCode,
        windowName: a.windowName,
        role: a.role,
        department: a.department,
      };
    }
    if (method === 'POST' && path === '/v1/events') {
      const parsed = pushRequest.safeParse(parseJson(body));
      if (!parsed.success) throw bad(`事件批次格式错误：${parsed.error.issues[0]?.message ?? ''}`);
      const refused = schemaRefusals(parsed.data.events);
      const checked = parsed.data.events.filter((e) => !refused.has(e.id));
      const judged = checked.length > 0 ? await acceptEvents(sql, a.workstation, checked, iso()) : [];
      // acceptEvents answers one result per event in order: merged back into the batch's order.
      let next = 0;
      return { results: parsed.data.events.map((e) => refused.get(e.id) ?? judged[next++]!) };
    }
    if (method === 'POST' && blob) {
      const parsed = blobStateRequest.safeParse(parseJson(body));
      if (!parsed.success) throw bad('缺少文件大小');
      return blobState(sql, blob, parsed.data.size, iso());
    }
    if (method === 'PATCH' && blob) {
      const offset = Number(header(req, HEADER.offset));
      if (!Number.isInteger(offset) || offset < 0) throw bad('缺少偏移量');
      const outcome = await appendChunk(sql, blob, offset, body, iso());
      if (outcome.ok) return outcome.state;
      if (outcome.code === 'OFFSET_MISMATCH')
        throw new Refusal(409, PLATFORM_CODES.offsetMismatch, '偏移量与大厅服务器不一致', { offset: outcome.offset });
      if (outcome.code === 'HASH_MISMATCH') throw new Refusal(422, PLATFORM_CODES.hashMismatch, '文件内容与其哈希不符，已从头重新接收');
      if (outcome.code === 'TOO_LARGE') throw new Refusal(413, PLATFORM_CODES.tooLarge, '数据超出声明的文件大小');
      throw new Refusal(404, PLATFORM_CODES.notFound, '请先声明上传');
    }
    if (method === 'GET' && blob) {
      const bytes = await readBlob(sql, blob);
      if (!bytes) throw new Refusal(404, PLATFORM_CODES.notFound, '大厅服务器上没有这份材料文件');
      return bytes;
    }
    if (method === 'GET' && path === '/v1/feed') return feed(a, url);
    if (method === 'POST' && path === '/v1/elicence-requests') {
      const parsed = elicenceRequest.safeParse(parseJson(body));
      if (!parsed.success) throw bad('缺少持证主体');
      const at = iso();
      return sql.transaction(async (tx) => {
        const items = await elicencesOfHolder(tx, parsed.data.holderId);
        await publish(
          tx,
          items.map((item) => ({ item, workstation: a.workstation })),
          at,
        );
        return { queued: items.length };
      });
    }
    if (method === 'POST' && path === '/v1/project-requests') {
      const parsed = projectRequest.safeParse(parseJson(body));
      if (!parsed.success) throw bad('缺少项目代码');
      const at = iso();
      return sql.transaction(async (tx) => {
        await subscribe(tx, parsed.data.projectCode, a.workstation);
        const known = await tx.query('SELECT 1 FROM project_streams WHERE project_code = $1', [parsed.data.projectCode]);
        if (known.length === 0) return { queued: 0 };
        await publish(tx, [{ item: await projectLibrary(tx, parsed.data.projectCode, at), workstation: a.workstation }], at);
        return { queued: 1 };
      });
    }
    if (method === 'POST' && path === '/v1/handovers') {
      const parsed = handoverRequest.safeParse(parseJson(body));
      if (!parsed.success) throw bad('移交请求格式错误');
      const outcome = await handOver(sql, a.workstation, parsed.data, iso());
      if (!outcome.ok) throw new Refusal(outcome.code === 'NOT_HOLDER' ? 409 : 404, outcome.code, outcome.message);
      const { ok: _ok, ...result } = outcome;
      return result;
    }
    if (method === 'GET' && path === '/v1/windows') {
      const rows = await sql.query<{ id: string; window_name: string; role: string; department: string | null }>(
        'SELECT id, window_name, role, department FROM workstations WHERE revoked_at IS NULL ORDER BY window_name',
      );
      const online = push.connected;
      return {
        windows: rows.map((r) => ({
          workstationId: r.id,
          windowName: r.window_name,
          role: r.role,
          department: r.department,
          online: online.has(r.id),
        })),
      };
    }
    if (method === 'POST' && path === '/v1/case-number-block-requests') {
      const at = new Date(now());
      return sql.transaction(async (tx) => {
        const p = await issueBlock(tx, a.workstation, hall.hallCode, at);
        await publish(tx, [p], at.toISOString());
        return { queued: 1, prefix: p.item.prefix, first: p.item.first, last: p.item.last };
      });
    }
    if (method === 'GET' && (path === '/v1/board' || path === '/v1/statistics')) {
      if (a.role !== 'back-office') throw new Refusal(403, HALL_CODES.forbidden, '只有部门后台（领导）窗口可以查看大厅督办看板');
      if (path === '/v1/board') {
        const q = boardQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!q.success) throw bad('看板查询参数错误');
        return boardPage(sql, q.data, iso().slice(0, 10));
      }
      const q = statisticsQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) throw bad('统计查询参数错误：请给出起止日期（YYYY-MM-DD）和分组');
      return statistics(sql, q.data);
    }
    if (method === 'GET' && path.startsWith('/v1/streams/'))
      return streamState(sql, a.workstation, decodeURIComponent(path.slice('/v1/streams/'.length)));
    if (method === 'POST' && path === '/v1/checkpoints') {
      const parsed = checkpoint.safeParse(parseJson(body));
      if (!parsed.success) throw bad('检查点格式错误');
      return addCheckpoint(sql, a.workstation, parsed.data, iso());
    }
    if (method === 'GET' && path === '/v1/checkpoints/latest') return { checkpoint: await latestCheckpoint(sql, a.workstation) };
    throw new Refusal(404, PLATFORM_CODES.notFound, '没有这个接口');
  }

  async function feed(a: Authed, url: URL): Promise<Json> {
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? '100') || 100, 1), 1000);
    const raw = url.searchParams.get('cursor') ?? '';
    const { epoch } = await feedEpoch(sql);
    let after = 0;
    if (raw !== '') {
      const cursor = decodeCursor(raw);
      if (!cursor || cursor.e !== epoch) throw new Refusal(410, PLATFORM_CODES.resyncRequired, '同步位置已失效，请从头重新同步');
      after = cursor.s;
    }
    const rows = await feedAfter(sql, a.workstation, after, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map((r) => r.item), cursor: encodeCursor({ e: epoch, s: page.at(-1)?.seq ?? after }), more: rows.length > limit };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    sql,
    push,
    admin,
    async close() {
      await push.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
