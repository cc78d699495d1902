import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardPage, statistics } from '../hall/core/board';
import { openHallDatabase } from '../hall/store/open';
import type { Sql } from '../hall/store/sql';
import { adminIssueCode, enrolOver, startChild, stopChild } from '../hall/test/child';
import { Journal, acceptCase, clientFor, freshPostgres } from '../hall/test/helpers';
import { journalCases, relay, type SimWindow } from '../hall/test/sim';

/**
 * `npm run bench -- hall`: the hall server in its own process on each engine (embedded PGlite,
 * and PostgreSQL when ONEWINDOW_TEST_PG names a server), 130 simulated windows syncing at once,
 * acceptance → back-office worklist latency over the push channel, the board and one month's
 * statistics over a city-sized year of cases (generate_series), and the server's memory.
 * Everything runs on this one machine: the windows share its cores with the server and the database.
 */
const WINDOWS = Number(process.env.HALL_BENCH_WINDOWS ?? 130);
const CASES_PER_WINDOW = Number(process.env.HALL_BENCH_CASES_PER_WINDOW ?? 30);
/** electron/sync/config.ts: the workstation's default batch (HALL_BENCH_BATCH to vary it). */
const BATCH = Number(process.env.HALL_BENCH_BATCH ?? 200);
const WARM_UP_CASES = Number(process.env.HALL_BENCH_WARM_UP_CASES ?? 5);

export async function run(print: (line: string) => void): Promise<void> {
  const engines: { name: string; database: () => Promise<{ url: string; drop(): Promise<void> }>; boardCases: number }[] = [
    {
      name: 'PGlite (embedded)',
      database: () => {
        const dir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
        return Promise.resolve({ url: join(dir, 'data'), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
      },
      boardCases: Number(process.env.HALL_BENCH_PGLITE_BOARD ?? 500_000),
    },
  ];
  if (process.env.ONEWINDOW_TEST_PG)
    engines.push({
      name: 'PostgreSQL 15',
      database: () => freshPostgres(process.env.ONEWINDOW_TEST_PG ?? ''),
      boardCases: Number(process.env.HALL_BENCH_PG_BOARD ?? 5_000_000),
    });
  else print('PostgreSQL: skipped (set ONEWINDOW_TEST_PG=postgres://… to bench it side by side)');
  // HALL_BENCH_ENGINES=pglite or =postgresql benches one engine (default both).
  const only = process.env.HALL_BENCH_ENGINES?.split(',');
  for (const engine of engines) {
    if (only && !only.some((o) => engine.name.toLowerCase().startsWith(o))) continue;
    print(`\n### ${engine.name}`);
    const db = await engine.database();
    try {
      // HALL_BENCH_PARTS=sync or =board runs one half (default both).
      const parts = (process.env.HALL_BENCH_PARTS ?? 'sync,board').split(',');
      if (parts.includes('sync')) await syncFigures(db.url, print);
      if (parts.includes('board')) await boardFigures(db.url, engine.boardCases, print);
    } finally {
      await db.drop();
    }
  }
}

async function syncFigures(database: string, print: (line: string) => void): Promise<void> {
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  const child = await startChild(database, port);
  try {
    const password = /Hall admin password \(shown once, keep it\): (\S+)/.exec(child.output)?.[1] ?? '';
    const windows: SimWindow[] = [];
    const ids: string[] = [];
    const first = /First enrolment code \([^)]*\): (\S+)/.exec(child.output)?.[1] ?? '';
    for (let i = 0; i < WINDOWS; i++) {
      const code = i === 0 ? first : await adminIssueCode(url, password, { windowName: `${i + 1}号窗口`, role: 'counter', department: '' });
      const c = await enrolOver(url, code);
      ids.push(c.id);
      windows.push({ client: clientFor(url, c.id, c.secret), journal: new Journal() });
    }
    const bo = await enrolOver(
      url,
      await adminIssueCode(url, password, { windowName: '住建后台', role: 'back-office', department: '市住房和城乡建设局' }),
    );
    // First burst from a server that just started (its pool connecting, its code and the
    // database's caches cold), then the measured one: what a hall that has been running sees.
    const warmUp = windows.map((w, i) => journalCases(w, WARM_UP_CASES, '市住房和城乡建设局', `P-WARM-W${i}`));
    const warmTotal = warmUp.reduce((n, q) => n + q.length, 0);
    const warmStarted = performance.now();
    await Promise.all(windows.map((w, i) => relay(w, warmUp[i]!, BATCH)));
    if (WARM_UP_CASES > 0)
      print(
        `cold start: the first ${WARM_UP_CASES} cases of each window (${warmTotal} events) right after the server started: ${Math.round(warmTotal / ((performance.now() - warmStarted) / 1000))} events/s`,
      );
    const queues = windows.map((w, i) => journalCases(w, CASES_PER_WINDOW, '市住房和城乡建设局', `P-W${i}`));
    const total = queues.reduce((n, q) => n + q.length, 0);
    const sql = database.startsWith('postgres') ? await openHallDatabase(database) : null;
    const walBefore = await walBytes(sql);
    const cpuBefore = await cpuNow(child.proc.pid ?? 0, sql);
    const started = performance.now();
    const results = await Promise.all(windows.map((w, i) => relay(w, queues[i]!, BATCH)));
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuNow(child.proc.pid ?? 0, sql);
    const walAfter = await walBytes(sql);
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    let held = 'n/a (PGlite is one process: counted after the server stops)';
    let heldNumber = -1;
    if (sql) {
      heldNumber = Number((await sql.query<{ n: number }>('SELECT COUNT(DISTINCT id)::int AS n FROM events'))[0]?.n ?? 0);
      held = String(heldNumber);
    }
    print(
      `${WINDOWS} windows × ${CASES_PER_WINDOW} cases (${total} events, batches of ${BATCH}) at once: ${Math.round(total / seconds)} events/s; acknowledged ${accepted}, lost ${total - accepted}, stored distinct ${held}${sql ? ` (of ${total + warmTotal} with the cold start)` : ''}`,
    );
    // The machine is shared (the windows, the server and the database on 2 cores, with whatever
    // else runs): CPU per event says where the time went whatever the load was.
    const perEvent = (key: keyof CpuSample): string => `${(((cpuAfter[key] - cpuBefore[key]) * 1e6) / total).toFixed(0)} µs`;
    print(
      `CPU per event: hall server ${perEvent('server')}, PostgreSQL backends ${sql ? perEvent('database') : 'n/a (embedded)'}, the 130 simulated windows ${perEvent('windows')}; machine load average ${loadavg()[0]?.toFixed(1)}`,
    );
    // pg_stat_wal is server-wide: other databases' writes meanwhile (the machine is shared) count too.
    if (walBefore !== null && walAfter !== null)
      print(`WAL per event: ${((walAfter - walBefore) / total / 1024).toFixed(1)} KiB (pg_stat_wal, whole server)`);

    // Acceptance at a window → the case in the back office's worklist (push hint, then a feed pull).
    const latencies = await worklistLatency(url, windows[0]!, bo, 40);
    latencies.sort((a, b) => a - b);
    const p = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    print(
      `acceptance → back-office worklist (push + pull, ${latencies.length} cases, one at a time): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
    );
    const status = readFileSync(`/proc/${child.proc.pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    print(
      `hall server process memory: peak RSS ${(kb('VmHWM') / 1024).toFixed(0)} MiB, now ${(kb('VmRSS') / 1024).toFixed(0)} MiB${database.startsWith('postgres') ? ' (PostgreSQL server processes not included)' : ' (includes the embedded database)'}`,
    );
    if (sql) {
      const dup = await sql.query<{ n: number }>('SELECT COUNT(*)::int - COUNT(DISTINCT id)::int AS n FROM events');
      print(`duplicates in the database: ${dup[0]?.n ?? '?'}`);
      await sql.close();
    }
    await stopChild(child, 'SIGTERM');
    if (!sql) {
      const after = await openHallDatabase(database);
      const [row] = await after.query<{ n: number; d: number }>('SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM events');
      print(
        `stored after stop: ${row?.n} events, ${row?.d} distinct (expected ${total + warmTotal + 120} incl. the cold start and the latency cases)`,
      );
      await after.close();
    }
  } finally {
    await stopChild(child, 'SIGKILL');
  }
}

async function walBytes(sql: Sql | null): Promise<number | null> {
  if (!sql) return null;
  const [row] = await sql.query<{ b: string }>('SELECT wal_bytes::text AS b FROM pg_stat_wal');
  return row ? Number(row.b) : null;
}

interface CpuSample {
  server: number;
  database: number;
  windows: number;
}

/** CPU seconds so far of the hall server process, of this database's backends (PostgreSQL) and of this process (the windows). */
async function cpuNow(serverPid: number, sql: Sql | null): Promise<CpuSample> {
  const ticks = (pid: number): number => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, USER_HZ = 100 on Linux
    } catch {
      return 0;
    }
  };
  const backends = sql
    ? await sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    : [];
  const own = process.cpuUsage();
  return {
    server: ticks(serverPid),
    database: backends.reduce((n, b) => n + ticks(b.pid), 0),
    windows: (own.user + own.system) / 1e6,
  };
}

async function worklistLatency(url: string, counter: SimWindow, bo: { id: string; secret: string }, cases: number): Promise<number[]> {
  const client = clientFor(url, bo.id, bo.secret);
  // Start after everything the sync phase routed here (page through it all).
  let cursor = '';
  for (let more = true; more;) {
    const page = await client.feed(cursor, 1000);
    cursor = page.cursor;
    more = page.more;
  }
  const res = await fetch(`${url}/v1/feed/stream`, { headers: client.signedHeaders('GET', '/v1/feed/stream') });
  const reader = res.body!.getReader();
  const waker: { wake: (() => void) | null } = { wake: null };
  void (async () => {
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
      waker.wake?.();
    }
  })();
  const out: number[] = [];
  for (let i = 0; i < cases; i++) {
    const c = acceptCase(counter.journal, { projectCode: `P-LAT-${i}`, department: '市住房和城乡建设局' });
    const started = performance.now();
    await counter.client.pushEvents(c.events);
    for (;;) {
      const page = await client.feed(cursor, 1000);
      cursor = page.cursor;
      if (page.items.some((it) => it.kind === 'routed-case' && it.caseId === c.caseId)) break;
      await new Promise<void>((r) => {
        waker.wake = r;
        setTimeout(r, 3_000);
      });
    }
    out.push(performance.now() - started);
  }
  await reader.cancel().catch(() => undefined);
  return out;
}

async function boardFigures(database: string, cases: number, print: (line: string) => void): Promise<void> {
  const sql = await openHallDatabase(database);
  try {
    const t0 = performance.now();
    await generateCases(sql, cases);
    print(`generated ${cases.toLocaleString('en')} cases with generate_series in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const first: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await boardPage(sql, { limit: 50 }, '2026-12-31');
      first.push(performance.now() - t);
    }
    // Walk 200 pages deep by keyset, then time pages there: any page costs what the first costs.
    let after: string | null = null;
    for (let i = 0; i < 200; i++) after = (await boardPage(sql, { limit: 50, ...(after ? { after } : {}) }, '2026-12-31')).next;
    const deep: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await boardPage(sql, { limit: 50, ...(after ? { after } : {}) }, '2026-12-31');
      deep.push(performance.now() - t);
    }
    const dept: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await boardPage(sql, { limit: 50, department: '市住房和城乡建设局' }, '2026-12-31');
      dept.push(performance.now() - t);
    }
    const p95 = (xs: number[]): string => [...xs].sort((a, b) => a - b)[Math.floor(0.95 * (xs.length - 1))]!.toFixed(1);
    print(
      `board over ${cases.toLocaleString('en')} cases: first page p95 ${p95(first)} ms; page 201 (keyset) p95 ${p95(deep)} ms; first page of one department p95 ${p95(dept)} ms`,
    );
    for (const by of ['department', 'window', 'clerk'] as const) {
      const t = performance.now();
      const s = await statistics(sql, { from: '2026-03-01', to: '2026-03-31', by });
      print(
        `statistics for one month (2026-03) by ${by}: ${(performance.now() - t).toFixed(0)} ms (${s.rows.length} groups, ${s.rows.reduce((n, r) => n + r.accepted, 0).toLocaleString('en')} cases)`,
      );
    }
  } finally {
    await sql.close();
  }
}

/** A year of cases spread over 2026, 12 departments, 130 windows, 600 clerks; ratings for a third. */
async function generateCases(sql: Sql, n: number): Promise<void> {
  const chunk = 500_000;
  for (let start = 1; start <= n; start += chunk) {
    const end = Math.min(n, start + chunk - 1);
    await sql.query(
      `INSERT INTO hall_cases (case_id, case_number, project_code, item_code, item_name, department, accepted_by, holder, clerk, status, accepted_on, due_on, completed_on, on_time, corrections, updated_at)
       SELECT 'gen-' || g, 'RZ-2026-' || lpad(g::text, 8, '0'), 'P-' || (g / 3), 'ITEM-' || (g % 40), '事项' || (g % 40), '部门' || (g % 12), 'ws-gen-' || (g % 130), 'ws-gen-' || (g % 130), 'clerk-' || (g % 600),
              CASE WHEN g % 10 < 8 THEN 'completed' ELSE 'accepted' END,
              to_char(DATE '2026-01-01' + (g % 365)::int, 'YYYY-MM-DD'), to_char(DATE '2026-01-01' + (g % 365)::int + 10, 'YYYY-MM-DD'),
              CASE WHEN g % 10 < 8 THEN to_char(DATE '2026-01-01' + (g % 365)::int + (g % 13)::int, 'YYYY-MM-DD') END,
              CASE WHEN g % 10 < 8 THEN (g % 13) <= 10 END, CASE WHEN g % 17 = 0 THEN 1 ELSE 0 END, '2026-12-31'
       FROM generate_series($1::bigint, $2::bigint) AS g`,
      [start, end],
    );
    await sql.query(
      // As the hall stores a rating: with its case's groups and acceptance day (migration 5).
      `INSERT INTO ratings (event_id, visit_id, level, case_number, workstation, rated_on, case_id, department, item_code, item_name, accepted_by, clerk, accepted_on)
       SELECT 'gen-r-' || g, 'v-' || g, 1 + (g % 5), 'RZ-2026-' || lpad(g::text, 8, '0'), 'ws-gen-' || (g % 130), '2026-06-01',
              'gen-' || g, '部门' || (g % 12), 'ITEM-' || (g % 40), '事项' || (g % 40), 'ws-gen-' || (g % 130), 'clerk-' || (g % 600),
              to_char(DATE '2026-01-01' + (g % 365)::int, 'YYYY-MM-DD')
       FROM generate_series($1::bigint, $2::bigint) AS g WHERE g % 3 = 0`,
      [start, end],
    );
  }
  // A year of a hall's cases has long been vacuumed by autovacuum; a bulk load just now has not
  // (index-only scans need the visibility map it sets).
  await sql.query('VACUUM ANALYZE hall_cases');
  await sql.query('VACUUM ANALYZE ratings');
}
