/** The catalog and the 办事指南 as the renderer shows them (limits and conditions in words). */
import type { CatalogView, GuideView } from '../../shared/api/acceptance';
import {
  departmentName,
  describeCondition,
  describeLimit,
  findItem,
  findMaterial,
  findStage,
  type Catalog,
} from '../../shared/domain/catalog';

export function catalogView(catalog: Catalog, versions: string[]): CatalogView {
  return {
    version: catalog.version,
    title: catalog.title,
    template: catalog.template,
    note: catalog.note,
    versions,
    stages: catalog.stages.map((s) => ({
      no: s.no,
      name: s.name,
      leadDepartment: s.leadDepartment,
      leadDepartmentName: departmentName(catalog, s.leadDepartment),
      ...(s.description !== undefined ? { description: s.description } : {}),
    })),
    items: catalog.items.map((i) => ({
      code: i.code,
      name: i.name,
      stage: i.stage,
      department: i.department,
      departmentName: departmentName(catalog, i.department),
      itemType: i.itemType,
      caseType: i.caseType,
      statutoryLimit: i.statutoryLimit,
      promisedLimit: i.promisedLimit,
      commitment: i.commitment,
      visits: i.visits,
      online: i.online,
      onRequest: i.onRequest === true,
      ...(i.appliesWhen ? { appliesWhen: i.appliesWhen } : {}),
      resultName: i.result.name,
    })),
    specialWorks: catalog.fields.find((f) => f.key === 'project.specialWorks')?.options ?? [],
  };
}

export function guideView(catalog: Catalog, itemCode: string): GuideView {
  const item = findItem(catalog, itemCode);
  const g = item.guide;
  return {
    catalogVersion: catalog.version,
    code: item.code,
    subCode: item.subCode,
    mainCode: item.mainCode,
    implementationCode: item.implementationCode ?? null,
    version: item.version,
    name: item.name,
    stage: item.stage,
    stageName: findStage(catalog, item.stage).name,
    departmentName: departmentName(catalog, item.department),
    itemType: item.itemType,
    caseType: item.caseType,
    statutoryLimit: describeLimit(item.statutoryLimit),
    promisedLimit: describeLimit(item.promisedLimit),
    specialProcedures: item.specialProcedures.map((p) => ({ name: p.name, limit: describeLimit(p.limit), note: p.note ?? null })),
    fee: { charged: item.fee.charged, basis: item.fee.basis, amount: item.fee.amount ?? null },
    commitment: item.commitment,
    visits: item.visits,
    online: item.online,
    appliesWhen: item.appliesWhen ? describeCondition(item.appliesWhen, catalog) : null,
    result: { type: item.result.type, name: item.result.name },
    legalBasis: g.legalBasis,
    implementingBody: g.implementingBody,
    implementingBodyUscc: g.implementingBodyUscc ?? null,
    acceptanceConditions: g.acceptanceConditions,
    process: g.process,
    location: g.location,
    hours: g.hours,
    consultPhone: g.consultPhone,
    complaintPhone: g.complaintPhone,
    reconsiderationBody: g.reconsiderationBody,
    litigationBody: g.litigationBody,
    materials: item.materials.flatMap((req) => {
      const m = findMaterial(catalog, req.material);
      if (!m) return [];
      return [
        {
          code: m.code,
          name: m.name,
          form: m.form,
          medium: m.medium,
          originals: m.originals,
          copies: m.copies,
          necessity: req.necessity ?? m.necessity,
          when: req.when ?? m.when ?? null,
          channel: m.channel,
          eLicence: m.eLicence,
          deficiencyAllowed: req.deficiencyAllowed ?? m.deficiencyAllowed,
          validityMonths: m.validityMonths,
        },
      ];
    }),
  };
}
