/**
 * Case lifecycle figures: acceptance latency with synchronous=FULL on a real file, the deadline
 * engine over 100,000 clocks, and the supervision board over 100,000 cases.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { acceptStageApplication, supervisionBoard } from '../electron/cases';
import { loadWorkingDayCalendar } from '../electron/calendar/load';
import { openWorkstation } from '../electron/workstation';
import { formatIsoDate, parseIsoDate } from '../shared/domain/calendar';
import { computeDeadline, type CaseClock } from '../shared/domain/deadline';
import { benchAcceptInput } from './accept-input';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

export async function run(print: (line: string) => void): Promise<void> {
  process.env.ONEWINDOW_LOG = 'silent';
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-lifecycle-'));
  try {
    let now = Date.parse('2026-03-02T09:00:00+08:00');
    const ws = openWorkstation({ dataDir: dir, hostKind: 'browser-host', now: () => new Date(now) });
    const actor = { id: 'bench', displayName: '基准', role: 'clerk' as const };
    print(
      `journal: synchronous=${String(ws.db.pragma('synchronous', { simple: true }))} (2 = FULL), journal_mode=${String(ws.db.pragma('journal_mode', { simple: true }))}`,
    );

    // 1. Acceptance latency: one stage application with two items per call.
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      acceptStageApplication(ws, benchAcceptInput(i), actor);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    print(
      `accept a stage application (2 item cases, ${samples.length} runs, synchronous=FULL): p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, max ${ms(samples.at(-1) ?? NaN)}`,
    );

    // 2. Deadline engine over 100,000 clocks with pauses and extensions.
    const calendar = loadWorkingDayCalendar();
    const base = parseIsoDate('2025-01-02');
    const clocks: CaseClock[] = [];
    for (let i = 0; i < 100_000; i++) {
      const accepted = base + (i % 600);
      const clock: CaseClock = {
        acceptedOn: formatIsoDate(accepted),
        limit: { value: 3 + (i % 20), unit: i % 7 === 0 ? 'natural-day' : 'workday' },
        extensionCapWorkdays: 10,
      };
      if (i % 3 === 0)
        clock.pauses = [{ kind: 'correction', startedOn: formatIsoDate(accepted + 2), endedOn: formatIsoDate(accepted + 9) }];
      if (i % 5 === 0) clock.extensions = [{ workdays: 5, reason: '情况复杂' }];
      clocks.push(clock);
    }
    const today = '2026-06-30';
    let t0 = performance.now();
    let red = 0;
    for (const clock of clocks) if (computeDeadline(calendar, clock, { today }).level === 'red') red++;
    print(`deadline computation for 100,000 cases: ${ms(performance.now() - t0)} (${red} red)`);

    // 3. Supervision board over 100,000 cases, seeded in one transaction.
    const projectId = (ws.db.prepare('SELECT id FROM projects LIMIT 1').get() as { id: string }).id;
    const applicationId = (ws.db.prepare('SELECT id FROM stage_applications LIMIT 1').get() as { id: string }).id;
    const departments = ['规划和自然资源局', '住房和城乡建设局', '生态环境局', '消防救援支队', '人防办'];
    t0 = performance.now();
    const insert = ws.db.prepare(
      `INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name, clerk_id,
         promised_value, promised_unit, accepted_on, due_on, clock, supervised, paused, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'ITEM', '基准事项', ?, ?, '张三', ?, 10, 'workday', ?, ?, '{}', 1, ?, ?, ?)`,
    );
    ws.db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const accepted = parseIsoDate('2026-01-05') + (i % 80);
        const paused = i % 11 === 0 ? 1 : 0;
        insert.run(
          randomUUID(),
          `BENCH-${String(i).padStart(7, '0')}`,
          applicationId,
          projectId,
          departments[i % 5],
          paused ? 'correction' : 'accepted',
          `clerk-${i % 8}`,
          formatIsoDate(accepted),
          formatIsoDate(accepted + 14 + (i % 30)),
          paused,
          '2026-01-05',
          '2026-01-05',
        );
      }
    })();
    print(`seed 100,000 open cases in one transaction: ${ms(performance.now() - t0)}`);
    now = Date.parse('2026-03-20T09:00:00+08:00');
    const board = (q: Parameters<typeof supervisionBoard>[1]) => {
      const times: number[] = [];
      let result = supervisionBoard(ws, q);
      for (let i = 0; i < 20; i++) {
        const s = performance.now();
        result = supervisionBoard(ws, q);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      return { result, p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const all = board({ limit: 100, offset: 0 });
    print(
      `supervision board, 100,000 cases, first page of 100: p50 ${ms(all.p50)}, p95 ${ms(all.p95)} — counts ${JSON.stringify(all.result.counts)}`,
    );
    const yellowDept = board({ level: 'yellow', department: '住房和城乡建设局', limit: 100, offset: 0 });
    print(
      `supervision board, yellow in one department: p50 ${ms(yellowDept.p50)}, p95 ${ms(yellowDept.p95)} (${yellowDept.result.total} rows)`,
    );
    const deep = board({ level: 'normal', limit: 100, offset: 20_000 });
    print(`supervision board, normal, offset 20,000 (a jump by position): p50 ${ms(deep.p50)}, p95 ${ms(deep.p95)}`);
    // Keyset: walk the pages as the screen does (each page continues after the last), then time
    // the page at that depth.
    const cursorAt = (q: { level?: 'normal'; department?: string }, depth: number): string => {
      let after: string | undefined;
      for (let seen = 0; seen < depth; seen += 100)
        after = supervisionBoard(ws, { ...q, limit: 100, ...(after ? { after } : {}) }).nextCursor ?? undefined;
      if (!after) throw new Error('board ended before the depth');
      return after;
    };
    const keyNormal = board({ level: 'normal', limit: 100, after: cursorAt({ level: 'normal' }, 20_000) });
    print(`supervision board, normal, next page after row 20,000 (keyset): p50 ${ms(keyNormal.p50)}, p95 ${ms(keyNormal.p95)}`);
    const keyAll = board({ limit: 100, after: cursorAt({}, 90_000) });
    print(`supervision board, all levels, next page after row 90,000 (keyset): p50 ${ms(keyAll.p50)}, p95 ${ms(keyAll.p95)}`);
    const deepAll = board({ limit: 100, offset: 90_000 });
    print(`supervision board, all levels, offset 90,000 (a jump by position): p50 ${ms(deepAll.p50)}, p95 ${ms(deepAll.p95)}`);
    ws.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
