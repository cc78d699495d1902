import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { listCases } from '../electron/cases/case-list';
import { openDatabase } from '../electron/store/database';
import { integrityProblems, preflightDatabase } from '../electron/store/health';
import { idNumberCheckChar } from '../shared/domain/identifiers';

const root = join(import.meta.dirname, '..');
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕春梅晓东';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

/** Browser host cold start (process spawn) to the first rendered screen in Chromium. */
async function coldStart(print: (l: string) => void): Promise<void> {
  // Build what the host serves first: a fresh checkout has no dist/, and an old dist/ would
  // measure yesterday's code.
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('node scripts/build.mjs failed; the cold-start figure needs dist/');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const toUrl: number[] = [];
  const toScreen: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'ow-bench-cold-'));
      const t0 = performance.now();
      const child = spawn(process.execPath, [join(root, 'dist/electron/browser-host.cjs'), '--data-dir', dataDir, '--no-open'], {
        env: {
          ...process.env,
          ONEWINDOW_STATIC_DIR: join(root, 'dist/renderer'),
          ONEWINDOW_RESOURCES: join(root, 'resources'),
          ONEWINDOW_LOG: 'silent',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /open the workstation: (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error('host exited: ' + out)));
      });
      const t1 = performance.now();
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByText('一窗通 · 首次使用').waitFor();
      const t2 = performance.now();
      toUrl.push(t1 - t0);
      toScreen.push(t2 - t0);
      await page.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  print(
    `browser host cold start: URL printed after ${median(toUrl).toFixed(0)} ms (median of 5), first screen rendered after ${median(toScreen).toFixed(0)} ms (median; max ${Math.max(...toScreen).toFixed(0)} ms)`,
  );
}

/** Case list search over 100,000 seeded cases: by name, by ID number, by case number. */
/** What the store's health checks cost on the 100,000-case store: quick_check at every start, integrity_check on its schedule and before a backup. */
function storeChecks(db: ReturnType<typeof openDatabase>, file: string, print: (l: string) => void): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const mb = ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) / 1048576;
  const quick: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    preflightDatabase(file);
    quick.push(performance.now() - t);
  }
  const t = performance.now();
  const problems = integrityProblems(db).length;
  const full = performance.now() - t;
  print(
    `store checks on ${mb.toFixed(0)} MB: start-up preflight (quick_check) ${median(quick).toFixed(0)} ms (median of 3), integrity_check ${full.toFixed(0)} ms${problems ? ` (${problems} problems!)` : ''}`,
  );
}

function caseSearch(print: (l: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-list-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const N = 100_000;
    const now = new Date().toISOString();
    const t0 = performance.now();
    db.transaction(() => {
      const proj = db.prepare('INSERT INTO projects (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const app = db.prepare(
        "INSERT INTO stage_applications (id, project_id, stage, catalog_version, status, created_at, updated_at) VALUES (?, ?, 1, '2026.1', 'accepted', ?, ?)",
      );
      const item = db.prepare(
        "INSERT INTO item_cases (id, case_number, application_id, project_id, item_code, item_name, department, status, applicant_name, applicant_id_number, promised_value, promised_unit, accepted_on, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, 'X', '建设工程规划许可证核发', '自然资源和规划局', 'accepted', ?, ?, 5, 'workday', '2026-11-02', '2026-11-09', ?, ?)",
      );
      for (let p = 0; p < N / 4; p++) {
        proj.run(`p${p}`, `2026-330106-47-01-${String(p).padStart(6, '0')}`, `第${p}号安置房项目`, now, now);
        app.run(`a${p}`, `p${p}`, now, now);
      }
      for (let i = 0; i < N; i++) {
        const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13) % GIVEN.length]!;
        const first17 = `330106${1960 + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
        item.run(
          `c${i}`,
          `W1-2026-${String(i).padStart(6, '0')}`,
          `a${Math.floor(i / 4)}`,
          `p${Math.floor(i / 4)}`,
          name,
          first17 + idNumberCheckChar(first17),
          now,
          now,
        );
      }
    })();
    print(`case list: seeded ${N.toLocaleString()} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const probes: [string, string][] = [
      ['applicant name (prefix)', '王伟'],
      [
        'ID number (exact, indexed)',
        (db.prepare("SELECT applicant_id_number AS v FROM item_cases WHERE id = 'c54321'").get() as { v: string }).v,
      ],
      ['case number (exact)', 'W1-2026-054321'],
      ['project code (exact)', '2026-330106-47-01-013580'],
      ['project name (substring)', '13580号安置'],
      ['no match', '不存在的名字'],
    ];
    for (const [label, query] of probes) {
      const times: number[] = [];
      let total = 0;
      for (let r = 0; r < 20; r++) {
        const t = performance.now();
        total = listCases(db, { query, limit: 20, offset: 0 }).total;
        times.push(performance.now() - t);
      }
      print(
        `case list search by ${label}: p50 ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms (${total} matches, first page of 20)`,
      );
    }
    storeChecks(db, join(dir, 'bench.db'), print);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(print: (line: string) => void): Promise<void> {
  caseSearch(print);
  await coldStart(print);
}
