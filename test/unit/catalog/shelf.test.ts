import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogShelf, compareCatalogVersions, loadCatalog, parseCatalogText } from '../../../electron/catalog';
import { composeStageForm } from '../../../shared/domain/forms';
import { DEFAULT_CATALOG_FILE, ITEM, rawDefaultCatalog } from './default-catalog';

const tmp = mkdtempSync(join(tmpdir(), 'onewindow-catalog-shelf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('catalog versions', () => {
  it('orders versions numerically', () => {
    expect(['2026.10', '2026.9', '2025.3'].sort(compareCatalogVersions)).toEqual(['2025.3', '2026.9', '2026.10']);
  });

  it('keeps every version: an application accepted under 2026.1 reads back unchanged after 2026.2 arrives', () => {
    const shelf = CatalogShelf.fromDirectory(join(DEFAULT_CATALOG_FILE, '..'));
    expect(shelf.versions()).toEqual(['2026.1']);
    const accepted = composeStageForm(shelf.current(), { stage: 2, projectType: '备案', landSource: '出让' });
    expect(accepted.catalogVersion).toBe('2026.1');

    const newer = rawDefaultCatalog() as Record<string, unknown> & { items: { code: string; promisedLimit: unknown }[] };
    newer.version = '2026.2';
    newer.items.find((i) => i.code === ITEM.engPlan)!.promisedLimit = { value: 3, unit: '工作日' };
    expect(shelf.add(newer).added).toBe(true);

    expect(shelf.current().version).toBe('2026.2');
    const reread = composeStageForm(shelf.get(accepted.catalogVersion), { stage: 2, projectType: '备案', landSource: '出让' });
    expect(reread).toEqual(accepted);
    expect(reread.items.find((i) => i.code === ITEM.engPlan)?.promisedLimit.value).toBe(5);
    expect(composeStageForm(shelf.current(), { stage: 2 }).items.find((i) => i.code === ITEM.engPlan)?.promisedLimit.value).toBe(3);
  });

  it('refuses different content under a version already held, and a version it never saw', () => {
    const shelf = new CatalogShelf();
    shelf.add(rawDefaultCatalog());
    expect(shelf.add(rawDefaultCatalog()).added).toBe(false);
    const changed = { ...rawDefaultCatalog(), title: '改了内容却没改版本' };
    expect(() => shelf.add(changed)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => shelf.get('2019.1')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => new CatalogShelf().current()).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('loading from disk', () => {
  it('loads the default catalog and lists every problem of a broken one as details', () => {
    expect(loadCatalog(DEFAULT_CATALOG_FILE).items.length).toBe(19);
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...rawDefaultCatalog(), version: 'latest', template: 'yes' }));
    expect(() => loadCatalog(file)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: [
          expect.objectContaining({ path: 'version' }),
          expect.objectContaining({ path: 'template', message: '类型应为布尔值（true/false）' }),
        ],
      }),
    );
    expect(() => loadCatalog(join(tmp, 'missing.json'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('accepts a BOM and locates syntax errors in long files', () => {
    const text = '\ufeff' + JSON.stringify(rawDefaultCatalog(), null, 2);
    expect(parseCatalogText(text).ok).toBe(true);
    const lines = JSON.stringify(rawDefaultCatalog(), null, 2).split('\n');
    lines[40] = lines[40] + ' oops';
    const r = parseCatalogText(lines.join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toMatch(/^第41行第\d+列$/);
  });
});
