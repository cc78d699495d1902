/**
 * Browser-host first screen: a fresh Chromium tab opens the one-time launch link of a running
 * host whose administrator is set up, and we time until the login screen is interactive — the
 * username field exists, holds the focus (autoFocus), and the main thread is free to take a
 * key (a macrotask after the field appeared has run). Each load uses a new browser context, so
 * nothing comes from the HTTP cache: what a clerk sees on the first start of the day.
 * Also prints how much script the login screen pulled in, the figure the bundle split moves.
 */
import { chromium, type Browser } from 'playwright-core';
import { startHost, type RunningHost } from '../test/e2e/host';

// Median of 5 by default; FIRST_SCREEN_RUNS for more on a busy machine.
const RUNS = Number(process.env.FIRST_SCREEN_RUNS ?? 5);

declare global {
  interface Window {
    __owLoginReady?: number;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Runs in the page before any of its scripts: notes when the login field is up and focused and
 * the thread is free. A string, not a function: tsx's name helpers do not exist in the page.
 */
const WATCH_FOR_LOGIN = `(() => {
  let seen = false;
  const check = () => {
    const field = document.getElementById('username');
    if (seen || !field || document.activeElement !== field) return;
    seen = true;
    setTimeout(() => (window.__owLoginReady = performance.now()), 0);
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('focusin', check, true);
})();`;

interface Load {
  ms: number;
  scriptKb: number;
  chunks: number;
}

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(WATCH_FOR_LOGIN);
    await page.goto(url);
    await page.waitForFunction(() => window.__owLoginReady !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const { ms, scriptBytes, chunks } = await page.evaluate(() => {
      const ready = window.__owLoginReady!;
      const scripts = performance
        .getEntriesByType('resource')
        .filter(
          (e): e is PerformanceResourceTiming =>
            e instanceof PerformanceResourceTiming && /\.m?js$/.test(new URL(e.name).pathname) && e.responseEnd <= ready,
        );
      return { ms: ready, scriptBytes: scripts.reduce((n, e) => n + e.decodedBodySize, 0), chunks: scripts.length };
    });
    return { ms, scriptKb: scriptBytes / 1024, chunks };
  } finally {
    await context.close();
  }
}

/** A running host with its administrator set up, so a fresh tab lands on the login screen. */
async function readyHost(staticDir?: string): Promise<RunningHost> {
  const host = await startHost(staticDir ? { ONEWINDOW_STATIC_DIR: staticDir } : {});
  const res = await fetch(`${host.baseUrl}/rpc/session.setupAdmin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ username: 'admin', displayName: '王管理', password: 'admin-pass-1' }),
  });
  if (!((await res.json()) as { ok: boolean }).ok) throw new Error('session.setupAdmin failed');
  return host;
}

function report(label: string, runs: Load[], print: (line: string) => void): void {
  const times = runs.map((r) => r.ms);
  const last = runs[runs.length - 1]!;
  print(
    `${label}: median ${median(times).toFixed(0)} ms of ${RUNS} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); script loaded by then ${last.scriptKb.toFixed(0)} KB in ${last.chunks} file(s)`,
  );
}

/**
 * `FIRST_SCREEN_BEFORE=<a dist/renderer of another build>` also serves that build from a second
 * host and alternates loads between the two, so a before/after pair shares the machine's load.
 */
export async function run(print: (line: string) => void): Promise<void> {
  const beforeDir = process.env.FIRST_SCREEN_BEFORE;
  const hosts = { now: await readyHost(), ...(beforeDir ? { before: await readyHost(beforeDir) } : {}) };
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
  try {
    // One unmeasured load each warms the hosts' file reads and Chromium's own start-up.
    for (const host of Object.values(hosts)) await loadOnce(browser, host.launchUrl);
    const runs: { now: Load[]; before: Load[] } = { now: [], before: [] };
    for (let i = 0; i < RUNS; i++) {
      if (hosts.before) runs.before.push(await loadOnce(browser, hosts.before.launchUrl));
      runs.now.push(await loadOnce(browser, hosts.now.launchUrl));
    }
    print('browser-host first screen: launch link → login screen interactive, cold cache, Chromium');
    if (hosts.before) report(`  before (${beforeDir})`, runs.before, print);
    report('  this build', runs.now, print);
  } finally {
    await browser.close();
    for (const host of Object.values(hosts)) await host.stop();
  }
}
