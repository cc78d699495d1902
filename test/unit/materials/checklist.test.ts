import { describe, expect, it } from 'vitest';
import { applicableItems } from '../../../shared/domain/forms';
import { addMonths, resultHoldings, stageChecklist, type ChecklistLine, type MaterialHolding } from '../../../shared/domain/materials';
import { ITEM, defaultCatalog } from '../catalog/default-catalog';

const catalog = defaultCatalog();
const values = { 'project.type': '备案', 'project.landSource': '出让', 'project.specialWorks': [], 'project.buildingUse': '住宅' };
const items = (stage: number) => applicableItems(catalog, { stage, projectType: '备案', landSource: '出让' });
const byCode = (lines: ChecklistLine[]) => new Map(lines.map((l) => [l.code, l]));
const eLicences = [
  {
    material: 'business-licence',
    licenceId: '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
    holder: '91350100M000100Y43',
  },
];

describe('stageChecklist', () => {
  it('lists each material type once with the union of items needing it', () => {
    const lines = stageChecklist(catalog, items(4), { today: '2028-06-01', values });
    const codes = lines.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(byCode(lines).get('engineering-planning-permit')?.neededBy).toEqual([ITEM.planVerify, ITEM.archives, ITEM.completionFiling]);
    expect(byCode(lines).get('completion-report')?.neededBy).toEqual([ITEM.fireFiling, ITEM.completionFiling]);
  });

  it('at stage 1 uses the e-licence, marks what the stage itself issues, and drops what the land source does not need', () => {
    const lines = byCode(stageChecklist(catalog, items(1), { today: '2026-03-02', eLicences, values }));
    expect(lines.get('business-licence')).toMatchObject({
      status: 'e-licence',
      source: { kind: 'e-licence', ref: eLicences[0]!.licenceId },
    });
    expect(lines.get('project-basis')).toMatchObject({ status: 'issued-in-stage', issuedBy: ITEM.filing, neededBy: [ITEM.landPlan] });
    expect(lines.get('land-title')).toMatchObject({ status: 'to-collect', required: true, form: '复印件', medium: '纸质', copies: 1 });
    expect(lines.get('application-form')).toMatchObject({ status: 'to-collect', fromForm: true });
    expect(lines.has('land-preexamination-opinion')).toBe(false);
    expect(lines.has('preliminary-site-plan')).toBe(false);
  });

  it('without form values lists conditional materials rather than guess', () => {
    const lines = byCode(stageChecklist(catalog, [ITEM.landPlan], { today: '2026-03-02' }));
    expect(lines.has('land-preexamination-opinion')).toBe(true);
    expect(lines.get('land-title')?.when).toEqual(['出让用地提供国有建设用地使用权出让合同']);
  });

  it('reuses an earlier stage’s result and still-valid submissions, linked by reference', () => {
    const holdings: MaterialHolding[] = [
      ...resultHoldings(catalog, [{ itemCode: ITEM.landPlan, ref: 'doc:JYD-2026-001', stage: 1, issuedOn: '2026-03-10' }]),
      { material: 'land-title', kind: 'stage', ref: 'blob:sha256:aa11', stage: 1, issuedOn: '2026-03-02' },
      { material: 'topographic-map', kind: 'stage', ref: 'blob:sha256:bb22', stage: 1, issuedOn: '2026-03-02' },
      { material: 'authorisation', kind: 'library', ref: 'blob:sha256:cc33', issuedOn: '2025-01-05' },
    ];
    const lines = byCode(stageChecklist(catalog, items(2), { today: '2026-06-15', holdings, eLicences, values }));
    expect(lines.get('land-use-planning-permit')).toMatchObject({
      status: 'reused',
      source: { kind: 'result', ref: 'doc:JYD-2026-001', stage: 1 },
    });
    expect(lines.get('land-title')).toMatchObject({ status: 'reused', source: { kind: 'stage', ref: 'blob:sha256:aa11', stage: 1 } });
    // A topographic map is valid 12 months from when it was made.
    expect(lines.get('topographic-map')).toMatchObject({ status: 'reused', source: { validUntil: '2027-03-02' } });
    // The authorisation from the library has expired (12 months): collect a new one.
    expect(lines.get('authorisation')).toMatchObject({ status: 'to-collect' });
    expect(lines.get('design-scheme-opinion')).toMatchObject({ status: 'issued-in-stage', issuedBy: ITEM.designReview });
  });

  it('does not count an expired copy or an expired e-licence', () => {
    const holdings: MaterialHolding[] = [{ material: 'topographic-map', kind: 'stage', ref: 'blob:old', stage: 1, issuedOn: '2025-01-10' }];
    const expired = [{ ...eLicences[0]!, validUntil: '2026-01-31' }];
    const lines = byCode(stageChecklist(catalog, items(2), { today: '2026-03-01', holdings, eLicences: expired, values }));
    expect(lines.get('topographic-map')?.status).toBe('to-collect');
    expect(lines.get('business-licence')?.status).toBe('to-collect');
  });

  it('prefers an issued result over a submitted copy, and the newest submission otherwise', () => {
    const holdings: MaterialHolding[] = [
      { material: 'engineering-planning-permit', kind: 'library', ref: 'blob:scan', issuedOn: '2026-08-01' },
      { material: 'engineering-planning-permit', kind: 'result', ref: 'doc:JGZ-1', stage: 2, issuedOn: '2026-06-01' },
      { material: 'land-title', kind: 'library', ref: 'blob:older', issuedOn: '2026-01-01' },
      { material: 'land-title', kind: 'stage', ref: 'blob:newer', stage: 2, issuedOn: '2026-05-01' },
    ];
    const lines = byCode(stageChecklist(catalog, items(3), { today: '2026-09-01', holdings, values }));
    expect(lines.get('engineering-planning-permit')?.source?.ref).toBe('doc:JGZ-1');
    expect(lines.get('land-title')?.source?.ref).toBe('blob:newer');
  });

  it('collects anew what the clerk rejected, keeping 容缺 where the items allow it', () => {
    const holdings: MaterialHolding[] = [
      { material: 'land-title', kind: 'stage', ref: 'blob:aa11', stage: 1 },
      { material: 'construction-organisation-design', kind: 'library', ref: 'blob:dd44' },
    ];
    const lines = byCode(
      stageChecklist(catalog, items(3), {
        today: '2026-09-01',
        holdings,
        eLicences,
        values,
        rejected: ['land-title', 'construction-organisation-design'],
      }),
    );
    expect(lines.get('land-title')).toMatchObject({ status: 'to-collect', rejected: true });
    expect(lines.get('land-title')?.source).toBeUndefined();
    expect(lines.get('construction-organisation-design')).toMatchObject({
      status: 'deficiency-allowed',
      rejected: true,
      deficiencyAllowed: true,
    });
  });

  it('marks 容缺 materials and optional ones', () => {
    const lines = byCode(stageChecklist(catalog, items(3), { today: '2026-09-01', values }));
    expect(lines.get('construction-organisation-design')).toMatchObject({ status: 'deficiency-allowed', required: true });
    expect(lines.get('supervision-contract')).toMatchObject({ status: 'to-collect', required: false });
    expect(lines.get('funding-commitment')).toMatchObject({ fromForm: true, status: 'to-collect' });
  });

  it('never reuses a form-generated application form', () => {
    const holdings: MaterialHolding[] = [{ material: 'application-form', kind: 'stage', ref: 'blob:stage1-form', stage: 1 }];
    const lines = byCode(stageChecklist(catalog, items(2), { today: '2026-06-01', holdings, values }));
    expect(lines.get('application-form')).toMatchObject({ status: 'to-collect', fromForm: true });
  });

  it('refuses an unknown item and a missing date', () => {
    expect(() => stageChecklist(catalog, ['00000000000000'], { today: '2026-06-01' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => stageChecklist(catalog, items(1), { today: '' })).toThrow(/当天日期/);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months and crosses years', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-03-02', 12)).toBe('2027-03-02');
  });
});
