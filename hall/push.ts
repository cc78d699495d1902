import type { ServerResponse } from 'node:http';
import { FEED_CHANNEL, feedEpoch } from './core/feed';
import { feedPump } from './core/feed-pump';
import type { Sql } from './store/sql';

/**
 * The push channel (protocol 9.6): SSE connections per window, woken by NOTIFY hall_feed
 * (delivered on commit, from any hall process). A 1 s poll of the feed head covers a lost
 * notification (a database restart drops the LISTEN connection until it reconnects). The same
 * tick runs the feed pump: routing committed by a process that died (kill -9) before moving it
 * into the feed, or whose move failed during a database restart, is published within a second.
 */
interface Listener {
  workstation: string;
  res: ServerResponse;
}

export class PushChannel {
  private readonly listeners = new Set<Listener>();
  private lastSeq = 0;
  private stopListen: (() => Promise<void>) | null = null;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    await feedPump(this.sql).flush();
    this.lastSeq = (await feedEpoch(this.sql)).seq;
    this.stopListen = await this.sql.listen(FEED_CHANNEL, (payload) => this.onNotify(payload));
    this.timers.push(
      setInterval(() => {
        feedPump(this.sql)
          .flush()
          .catch(() => undefined)
          .then(() => feedEpoch(this.sql))
          .then(({ seq }) => {
            if (seq > this.lastSeq) {
              this.lastSeq = seq;
              this.wake('*', seq);
            }
          })
          .catch(() => undefined);
      }, 1_000),
      setInterval(() => {
        for (const l of this.listeners) l.res.write(': keep-alive\n\n');
      }, 15_000),
    );
  }

  private onNotify(payload: string): void {
    if (!payload) return;
    try {
      const n = JSON.parse(payload) as { seq?: unknown; to?: unknown };
      if (typeof n.seq !== 'number' || typeof n.to !== 'string') return;
      if (n.seq > this.lastSeq) this.lastSeq = n.seq;
      this.wake(n.to, n.seq);
    } catch {
      // not ours
    }
  }

  private wake(to: string, seq: number): void {
    const targets = to === '*' ? null : new Set(to.split(','));
    for (const l of this.listeners)
      if (!targets || targets.has('*') || targets.has(l.workstation)) l.res.write(`event: pull\ndata: {"seq":${seq}}\n\n`);
  }

  /** Holds the response open; the first hint is sent at once so the window pulls after (re)connecting. */
  attach(workstation: string, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: pull\ndata: {"seq":${this.lastSeq}}\n\n`);
    const l = { workstation, res };
    this.listeners.add(l);
    res.on('close', () => this.listeners.delete(l));
  }

  get connected(): ReadonlySet<string> {
    return new Set([...this.listeners].map((l) => l.workstation));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const l of this.listeners) l.res.end();
    this.listeners.clear();
    await this.stopListen?.();
  }
}
