import type { Sql } from '../store/sql';
import { moveOutbox } from './feed';

/**
 * Moves committed feed_outbox rows into the feed (see `enqueue` and `moveOutbox`). One run at a
 * time per hall process; callers arriving while a run is under way share the next run, so under
 * load one pump transaction (one feed_head lock, one NOTIFY, one commit) carries the routing of
 * many event batches — group publication, where publishing inside each batch's transaction
 * serialised every commit on the feed_head row and on PostgreSQL's NOTIFY lock.
 */
const BATCH = 2_000;

export class FeedPump {
  private tail: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;

  constructor(private readonly sql: Sql) {}

  /** Resolves once everything committed to the outbox before this call is in the feed. */
  flush(): Promise<void> {
    // A run that has not started yet reads the outbox after our commit: share it.
    if (this.waiting) return this.waiting;
    const run = this.tail.then(() => {
      this.waiting = null;
      return this.moveAll();
    });
    this.waiting = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async moveAll(): Promise<void> {
    while ((await this.sql.transaction((tx) => moveOutbox(tx, BATCH))) === BATCH);
  }
}

const pumps = new WeakMap<Sql, FeedPump>();

/** The pump of this database handle (one per hall process and database). */
export function feedPump(sql: Sql): FeedPump {
  let pump = pumps.get(sql);
  if (!pump) {
    pump = new FeedPump(sql);
    pumps.set(sql, pump);
  }
  return pump;
}
