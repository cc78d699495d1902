/**
 * Every catalog version the workstation has seen. A stage application records the version it
 * was accepted under and is always read back against that version, so a newer catalog never
 * changes an accepted case; for the same reason a version, once on the shelf, never changes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { checkCatalog, type Catalog } from '../../shared/domain/catalog';
import { readCatalogFile } from './load';

/** '2026.10' is newer than '2026.9': compare segment by segment as numbers. */
export function compareCatalogVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class CatalogShelf {
  private readonly byVersion = new Map<string, { catalog: Catalog; json: string }>();

  /** Adds a catalog (from disk or pulled from the platform). Returns false when that exact version is already held. */
  add(raw: unknown): { added: boolean; catalog: Catalog } {
    const checked = checkCatalog(raw);
    if (!checked.ok) throw new AppError('VALIDATION', `事项目录有 ${checked.errors.length} 处错误，未启用，请联系信息科`, checked.errors);
    const json = JSON.stringify(checked.catalog);
    const held = this.byVersion.get(checked.catalog.version);
    if (held) {
      if (held.json !== json) {
        throw new AppError('CONFLICT', `事项目录版本 ${checked.catalog.version} 已存在且内容不同；修改后的目录须使用新的版本号`);
      }
      return { added: false, catalog: held.catalog };
    }
    this.byVersion.set(checked.catalog.version, { catalog: checked.catalog, json });
    return { added: true, catalog: checked.catalog };
  }

  /** The newest version: what new applications are accepted under. */
  current(): Catalog {
    const newest = this.versions().at(-1);
    const entry = newest === undefined ? undefined : this.byVersion.get(newest);
    if (!entry) throw new AppError('NOT_FOUND', '尚未加载任何事项目录，请检查 resources/catalog 或从平台同步目录');
    return entry.catalog;
  }

  /** The version an accepted application was accepted under. */
  get(version: string): Catalog {
    const entry = this.byVersion.get(version);
    if (!entry) throw new AppError('NOT_FOUND', `本机没有事项目录版本 ${version}，请从平台同步目录后重试`);
    return entry.catalog;
  }

  has(version: string): boolean {
    return this.byVersion.has(version);
  }

  versions(): string[] {
    return [...this.byVersion.keys()].sort(compareCatalogVersions);
  }

  /** Loads every *.json in a folder (resources/catalog, or where pulled versions are kept). */
  static fromDirectory(dir: string): CatalogShelf {
    const shelf = new CatalogShelf();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const name of files) {
      const file = join(dir, name);
      const result = readCatalogFile(file);
      if (!result.ok)
        throw new AppError(
          'VALIDATION',
          `事项目录 ${file} 有 ${result.errors.length} 处错误，请运行 onewindow catalog check 查看并修正`,
          result.errors,
        );
      shelf.add(result.catalog);
    }
    return shelf;
  }
}
