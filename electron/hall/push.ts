import { log } from '../log';

/**
 * The hall's push channel (`GET /v1/feed/stream`, section 9.6): Server-Sent Events whose
 * `pull` frames only say "pull now". Nothing in the stream is data to apply (the pull that
 * follows is signed and verified), so a forged frame costs one pull. Reconnects with a capped
 * backoff for as long as it runs; a hall without the channel (404) is retried rarely.
 */
export interface PushChannelOptions {
  url: string;
  /** Fresh signed headers for each connection attempt (nonces are single-use). */
  headers: () => Record<string, string>;
  onPull: () => void;
  onState: (connected: boolean) => void;
  fetch?: typeof globalThis.fetch;
}

export interface PushChannel {
  stop(): void;
}

export function openPushChannel(opts: PushChannelOptions): PushChannel {
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  let stopped = false;
  let abort: AbortController | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;

  async function connectOnce(): Promise<void> {
    abort = new AbortController();
    const res = await fetchImpl(opts.url, { headers: { ...opts.headers(), accept: 'text/event-stream' }, signal: abort.signal });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      throw new Error(`push channel answered HTTP ${res.status}`);
    }
    failures = 0;
    opts.onState(true);
    // Whatever happened while we were away: pull once on every (re)connection.
    opts.onPull();
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event:\s*pull\s*$/m.test(frame)) opts.onPull();
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    failures++;
    const ms = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
    timer = setTimeout(run, ms / 2 + Math.random() * (ms / 2));
  }

  function run(): void {
    timer = null;
    if (stopped) return;
    connectOnce().then(
      () => {
        opts.onState(false);
        schedule();
      },
      (err: unknown) => {
        opts.onState(false);
        if (!stopped && failures === 0) log.warn('hall push channel lost', { error: err instanceof Error ? err.message : String(err) });
        schedule();
      },
    );
  }

  run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort?.abort();
    },
  };
}
