/**
 * The catalog versions the acceptance flow runs on. Every version that reached the workstation
 * (shipped in resources, pulled from the platform) is written to `catalog_versions` before an
 * application can be accepted under it, so an accepted case reads back under its own version
 * after restarts, upgrades that drop the file, or a newer platform catalog.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { checkCatalog, type Catalog } from '../../shared/domain/catalog';
import { CatalogShelf, catalogDirectory, readCatalogFile } from '../catalog';
import { log } from '../log';
import type { Db } from '../store/database';
import { latestPlatformCatalog } from '../sync/feed';

export type CatalogSource = 'resources' | 'platform' | 'import';

/** Stores a version once; the same version with other content is refused (versions never change). */
export function storeCatalogVersion(db: Db, catalog: Catalog, source: CatalogSource, at: string): boolean {
  const json = JSON.stringify(catalog);
  const held = db.prepare('SELECT data FROM catalog_versions WHERE version = ?').get(catalog.version) as { data: string } | undefined;
  if (held) {
    if (held.data !== json) {
      throw new AppError('CONFLICT', `事项目录版本 ${catalog.version} 已在本机使用且内容不同；修改后的目录须使用新的版本号`);
    }
    return false;
  }
  db.prepare('INSERT INTO catalog_versions (version, data, source, added_at) VALUES (?, ?, ?, ?)').run(catalog.version, json, source, at);
  return true;
}

export function storedCatalogVersions(db: Db): { version: string; data: unknown; source: string }[] {
  const rows = db.prepare('SELECT version, data, source FROM catalog_versions ORDER BY added_at, version').all() as {
    version: string;
    data: string;
    source: string;
  }[];
  return rows.map((r) => ({ version: r.version, source: r.source, data: JSON.parse(r.data) as unknown }));
}

function resourceCatalogs(dir: string): Catalog[] {
  const out: Catalog[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const result = readCatalogFile(join(dir, name));
    if (result.ok) out.push(result.catalog);
    // A broken file must not stop the window: the stored versions still work.
    else log.error('catalog file rejected', { file: name, errors: result.errors.length });
  }
  return out;
}

export interface CatalogShelfOptions {
  db: Db;
  now: () => Date;
  /** resources/catalog; undefined finds it the usual way. */
  directory?: string;
}

/**
 * Builds the shelf: stored versions first (they are what accepted cases were accepted under,
 * so they win over an edited file of the same version), then resources, then the platform's
 * newest publication. New versions are stored as they are added.
 */
export class AcceptanceCatalogs {
  readonly shelf = new CatalogShelf();
  private platformVersionSeen: string | null = null;

  constructor(private readonly opts: CatalogShelfOptions) {
    for (const stored of storedCatalogVersions(opts.db)) {
      try {
        this.shelf.add(stored.data);
      } catch (error) {
        log.error('stored catalog version unreadable', {
          version: stored.version,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    let dir: string | undefined = opts.directory;
    if (dir === undefined) {
      try {
        dir = catalogDirectory();
      } catch {
        dir = undefined;
      }
    }
    for (const catalog of dir === undefined ? [] : resourceCatalogs(dir)) this.adopt(catalog, 'resources');
    this.refreshFromPlatform();
  }

  /** Adds a version and stores it; a same-numbered different file is logged and ignored. */
  adopt(raw: unknown, source: CatalogSource): Catalog | undefined {
    const checked = checkCatalog(raw);
    if (!checked.ok) {
      log.error('catalog version rejected', { source, errors: checked.errors.length });
      return undefined;
    }
    try {
      this.shelf.add(checked.catalog);
      storeCatalogVersion(this.opts.db, checked.catalog, source, this.opts.now().toISOString());
      return checked.catalog;
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        log.error('catalog version conflicts with the one in use', { source, version: checked.catalog.version });
        return undefined;
      }
      throw error;
    }
  }

  /** Picks up a catalog the sync feed stored since the last look (cheap: one indexed row). */
  refreshFromPlatform(): void {
    const row = this.opts.db.prepare('SELECT version FROM platform_catalogs ORDER BY published_at DESC, version DESC LIMIT 1').get() as
      { version: string } | undefined;
    if (!row || row.version === this.platformVersionSeen) return;
    this.platformVersionSeen = row.version;
    if (this.shelf.has(row.version)) return;
    const latest = latestPlatformCatalog(this.opts.db);
    if (latest) this.adopt(latest.data, 'platform');
  }

  current(): Catalog {
    this.refreshFromPlatform();
    return this.shelf.current();
  }

  get(version: string): Catalog {
    return this.shelf.get(version);
  }

  versions(): string[] {
    return this.shelf.versions();
  }
}
