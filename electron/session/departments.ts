/**
 * The departments a reviewer or leader can belong to are the catalog's (the same names the
 * cases carry), never free text: a typo would silently leave the user acting on no case.
 */
import type { Role } from '../../shared/api/contract-kit';
import { AppError } from '../../shared/api/errors';
import type { AcceptanceCatalogs } from '../acceptance/catalog-versions';
import { needsDepartment } from '../cases/department-scope';

/** Where the departments come from: the acceptance service's catalog shelf. */
type CatalogHost = { readonly acceptance: { readonly catalogs: AcceptanceCatalogs } };

export function catalogDepartments(ws: CatalogHost): { code: string; name: string }[] {
  return ws.acceptance.catalogs.current().departments.map((d) => ({ code: d.code, name: d.name }));
}

/** The department to store for this role: required and from the catalog for reviewers and leaders, none otherwise. */
export function checkedDepartment(ws: CatalogHost, role: Role, department: string | null): string | null {
  if (!needsDepartment(role)) return null;
  if (!department)
    throw new AppError('VALIDATION', '审核人员和部门领导须选择所属部门', [{ path: 'department', message: '请选择所属部门' }]);
  const known = catalogDepartments(ws);
  // The catalog's code is accepted too (provisioning scripts), stored as the name cases carry.
  const match = known.find((d) => d.name === department || d.code === department);
  if (!match) {
    throw new AppError('VALIDATION', `“${department}”不是事项目录中的部门，请从列表中选择（${known.map((d) => d.name).join('、')}）`, [
      { path: 'department', message: '请从列表中选择部门' },
    ]);
  }
  return match.name;
}
