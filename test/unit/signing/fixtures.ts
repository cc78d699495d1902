import type { DecisionContent } from '../../../shared/domain/signing';

/** A decision as the lifecycle would hand it over for signing. */
export function decision(overrides: Partial<DecisionContent> = {}): DecisionContent {
  return {
    caseNumber: 'BJ-2025-000123',
    documentNumber: '建许字〔2025〕12号',
    itemCode: '11330106MB0000001-001',
    itemName: '建筑工程施工许可证核发',
    department: '市住房和城乡建设局',
    decision: 'approve',
    opinion: '经审查，申请材料齐全、符合法定形式，准予许可。',
    applicant: { name: '杭州示范建设有限公司', idKind: 'uscc', idNumber: '91330106MA27XL0J6B' },
    project: { code: '2025-330106-47-01-123456', name: '西溪路综合楼新建工程' },
    decisionDate: '2025-03-01',
    ...overrides,
  };
}

export const DOC_SHA256 = 'a'.repeat(64);
