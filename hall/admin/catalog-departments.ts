import { statSync } from 'node:fs';
import { readCatalogFile } from '../../electron/catalog/load';
import { defaultCatalogPath } from '../../electron/catalog/locate';

/**
 * The departments a back office can serve: exactly the catalog's departments, by the name the
 * workstations put on every accepted case (case.accepted `department`), so routing by department
 * cannot miss because of a typo. The hall reads the same catalog file as the workstations:
 * ONEWINDOW_HALL_CATALOG when set, else resources/catalog/default.json (ONEWINDOW_RESOURCES
 * honoured). Re-read when the file changes, so a catalog update needs no restart.
 */
export type CatalogDepartments = { ok: true; file: string; names: string[] } | { ok: false; file: string; message: string };

export class CatalogDepartmentList {
  private cached: { mtimeMs: number; value: CatalogDepartments } | null = null;

  constructor(private readonly file: string = process.env.ONEWINDOW_HALL_CATALOG || defaultCatalogPath()) {}

  current(): CatalogDepartments {
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(this.file).mtimeMs;
    } catch {
      // readCatalogFile below words the missing file for the admin.
    }
    if (this.cached && this.cached.mtimeMs === mtimeMs) return this.cached.value;
    const read = readCatalogFile(this.file);
    const value: CatalogDepartments = read.ok
      ? { ok: true, file: this.file, names: read.catalog.departments.map((d) => d.name) }
      : {
          ok: false,
          file: this.file,
          message: `无法读取事项目录 ${this.file}：${read.errors[0]?.message ?? '未知错误'}${read.errors.length > 1 ? `（共 ${read.errors.length} 处错误）` : ''}。请修正目录文件或设置 ONEWINDOW_HALL_CATALOG 指向工作站使用的目录文件。`,
        };
    this.cached = { mtimeMs, value };
    return value;
  }

  /** Null when acceptable; else the Chinese reason shown to the admin. */
  refusal(department: string | null, backOffice: boolean): string | null {
    if (department === null) return backOffice ? '部门后台必须从事项目录的部门中选择所属部门。' : null;
    const list = this.current();
    if (!list.ok) return list.message;
    if (!list.names.includes(department))
      return `“${department}”不是事项目录中的部门，没有办件会流转到这个后台。请从下拉列表中选择部门（目录：${list.file}）。`;
    return null;
  }
}
