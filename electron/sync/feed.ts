import type { Db } from '../store/database';
import type { FeedItem } from './wire';

/**
 * Applies what the platform publishes. The feed is at-least-once (a page may come twice, and a
 * resync replays everything), so every apply is an idempotent upsert, and each page is applied
 * together with its cursor in one transaction: a crash never leaves a page half applied or
 * the cursor ahead of the data.
 */
const CURSOR_KEY = 'feed.cursor';

export function feedCursor(db: Db): string {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(CURSOR_KEY) as { value: string } | undefined;
  return row?.value ?? '';
}

export function resetFeedCursor(db: Db): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(CURSOR_KEY);
}

export function applyFeedPage(
  db: Db,
  items: readonly FeedItem[],
  cursor: string,
  receivedAt: string,
  applyOther?: (item: FeedItem) => void,
): void {
  const catalog = db.prepare(
    'INSERT INTO platform_catalogs (version, data, published_at, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO UPDATE SET data = excluded.data, published_at = excluded.published_at',
  );
  const calendar = db.prepare(
    'INSERT INTO platform_calendars (year, data, received_at) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET data = excluded.data, received_at = excluded.received_at',
  );
  const elicence = db.prepare(
    `INSERT INTO platform_elicences (identifier, holder_id, licence_type, valid_until, data, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (identifier) DO UPDATE SET holder_id = excluded.holder_id, licence_type = excluded.licence_type,
       valid_until = excluded.valid_until, data = excluded.data, received_at = excluded.received_at`,
  );
  // A block's `next` is never touched again: numbers already handed out must not come back.
  const block = db.prepare(
    "INSERT INTO case_number_blocks (prefix, first, last, next, source, received_at) VALUES (?, ?, ?, ?, 'platform', ?) ON CONFLICT (prefix, first) DO NOTHING",
  );
  const routed = db.prepare(
    `INSERT INTO routed_cases (case_id, project_code, item_code, data, routed_at, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET project_code = excluded.project_code, item_code = excluded.item_code,
       data = excluded.data, routed_at = excluded.routed_at`,
  );
  const saveCursor = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const item of items) {
      switch (item.kind) {
        case 'catalog':
          catalog.run(item.version, JSON.stringify(item.data ?? null), item.publishedAt, receivedAt);
          break;
        case 'calendar':
          calendar.run(item.year, JSON.stringify(item.data ?? null), receivedAt);
          break;
        case 'elicence':
          elicence.run(item.identifier, item.holderId, item.licenceType, item.validUntil, JSON.stringify(item.data ?? null), receivedAt);
          break;
        case 'case-number-block':
          if (item.last >= item.first) block.run(item.prefix, item.first, item.last, item.first, receivedAt);
          break;
        case 'routed-case':
          routed.run(item.caseId, item.projectCode, item.itemCode, JSON.stringify(item.data ?? null), item.routedAt, receivedAt);
          applyOther?.(item);
          break;
        default:
          applyOther?.(item);
      }
    }
    saveCursor.run(CURSOR_KEY, cursor);
  })();
}

export interface PlatformElicence {
  identifier: string;
  holderId: string;
  licenceType: string;
  validUntil: string | null;
  data: unknown;
  receivedAt: string;
}

export function eLicencesForHolder(db: Db, holderId: string): PlatformElicence[] {
  const rows = db
    .prepare(
      'SELECT identifier, holder_id AS holderId, licence_type AS licenceType, valid_until AS validUntil, data, received_at AS receivedAt FROM platform_elicences WHERE holder_id = ? ORDER BY licence_type, identifier',
    )
    .all(holderId) as (Omit<PlatformElicence, 'data'> & { data: string })[];
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }));
}

export interface PlatformCatalog {
  version: string;
  publishedAt: string;
  data: unknown;
}

/** The newest catalog the platform published (by publication time), if any. */
export function latestPlatformCatalog(db: Db): PlatformCatalog | undefined {
  const row = db
    .prepare('SELECT version, published_at AS publishedAt, data FROM platform_catalogs ORDER BY published_at DESC, version DESC LIMIT 1')
    .get() as { version: string; publishedAt: string; data: string } | undefined;
  return row ? { ...row, data: JSON.parse(row.data) as unknown } : undefined;
}

export function platformCalendar(db: Db, year: number): unknown {
  const row = db.prepare('SELECT data FROM platform_calendars WHERE year = ?').get(year) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as unknown) : undefined;
}

export interface RoutedCase {
  caseId: string;
  projectCode: string;
  itemCode: string;
  routedAt: string;
  data: unknown;
}

export function routedCases(db: Db): RoutedCase[] {
  const rows = db
    .prepare(
      'SELECT case_id AS caseId, project_code AS projectCode, item_code AS itemCode, routed_at AS routedAt, data FROM routed_cases ORDER BY routed_at, case_id',
    )
    .all() as (Omit<RoutedCase, 'data'> & { data: string })[];
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }));
}
