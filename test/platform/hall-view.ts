import { journalDigestOf } from '../../electron/sync/digest';
import type { Checkpoint } from '../../electron/sync/wire';
import { readBlob } from '../../hall/core/blobs';
import { latestCheckpoint } from '../../hall/core/checkpoints';
import { addElicence, type HeldElicence } from '../../hall/seed/elicences';
import type { Sql } from '../../hall/store/sql';

/**
 * What tests read of the hall behind the test platform: plain queries on the hall's own tables
 * (positions there are per window and stream: protocol 9.3).
 */
export class HallView {
  constructor(readonly sql: Sql) {}

  async eventCount(workstation?: string): Promise<number> {
    const [row] = workstation
      ? await this.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events WHERE workstation = $1', [workstation])
      : await this.sql.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events');
    return row?.n ?? 0;
  }

  /** The ids and hashes the hall holds of a window, in that window's order (electron/sync/digest.ts). */
  async digest(workstation: string): Promise<{ count: number; digest: string }> {
    return journalDigestOf(
      await this.sql.query<{ id: string; hash: string }>('SELECT id, hash FROM events WHERE workstation = $1 ORDER BY ws_seq', [
        workstation,
      ]),
    );
  }

  /** The position the hall holds of a window's stream (all windows: the highest). */
  async checkpoint(stream: string, workstation?: string): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      'SELECT COALESCE(MAX(checkpoint), 0)::int AS n FROM streams WHERE stream = $1 AND ($2::varchar IS NULL OR workstation = $2)',
      [stream, workstation ?? null],
    );
    return row?.n ?? 0;
  }

  /**
   * Per window and stream, order as received: stream_seq runs 1..n with no hole, and the hall
   * received them in that order (receipts rise with stream_seq). Returns the streams that break it.
   */
  async streamsOutOfOrder(): Promise<string[]> {
    const rows = await this.sql.query<{ workstation: string; stream: string; stream_seq: number; receipt: number }>(
      'SELECT workstation, stream, stream_seq, receipt FROM events ORDER BY workstation, stream, stream_seq',
    );
    const bad = new Set<string>();
    let prev: { workstation: string; stream: string; stream_seq: number; receipt: number } | undefined;
    for (const raw of rows) {
      const r = { ...raw, stream_seq: Number(raw.stream_seq), receipt: Number(raw.receipt) };
      if (!prev || prev.stream !== r.stream || prev.workstation !== r.workstation) {
        if (r.stream_seq !== 1) bad.add(r.stream);
      } else if (r.stream_seq !== prev.stream_seq + 1 || r.receipt <= prev.receipt) {
        bad.add(r.stream);
      }
      prev = r;
    }
    return [...bad];
  }

  /**
   * The hall restored from a backup taken when it held the stream only up to `keep`: the later
   * events and the stream's position go back together, as a restore would leave them.
   */
  async restoreStreamTo(workstation: string, stream: string, keep: number): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('DELETE FROM events WHERE workstation = $1 AND stream = $2 AND stream_seq > $3', [workstation, stream, keep]);
      await tx.query(
        `UPDATE streams SET checkpoint = $3,
           last_event_id = (SELECT id FROM events WHERE workstation = $1 AND stream = $2 AND stream_seq = $3)
         WHERE workstation = $1 AND stream = $2`,
        [workstation, stream, keep],
      );
    });
  }

  /** Every event forgotten with the positions (a benchmark drains the same journal again). */
  async forgetEvents(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('DELETE FROM events');
      await tx.query('DELETE FROM streams');
    });
  }

  /** The latest journal checkpoint a window sent. */
  latestCheckpoint(workstation: string): Promise<(Checkpoint & { receivedAt: string }) | null> {
    return latestCheckpoint(this.sql, workstation);
  }

  /** A complete blob's bytes, or null. */
  blob(sha256: string): Promise<Uint8Array | null> {
    return readBlob(this.sql, sha256);
  }

  addElicence(l: HeldElicence): Promise<void> {
    return addElicence(this.sql, l);
  }

  async events(workstation?: string): Promise<{ type: string; version: number; at: string; stream: string; stream_seq: number }[]> {
    const rows = await this.sql.query<{ type: string; version: number; at: string; stream: string; stream_seq: number }>(
      'SELECT type, version, at, stream, stream_seq FROM events WHERE ($1::varchar IS NULL OR workstation = $1) ORDER BY workstation, ws_seq',
      [workstation ?? null],
    );
    return rows.map((r) => ({ ...r, version: Number(r.version), stream_seq: Number(r.stream_seq) }));
  }
}
