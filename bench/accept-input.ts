import { acceptStageApplication } from '../electron/cases';
import { openWorkstation } from '../electron/workstation';

/** One stage-2 application with two items, the i-th of a seeded hall (500 projects); benches seed with it. */
export function benchAcceptInput(i: number) {
  return {
    project: {
      code: `2026-330106-47-01-${String(100000 + (i % 500)).padStart(6, '0')}`,
      name: `基准项目${i % 500}`,
      builderName: '杭州某某置业有限公司',
      builderUscc: '91350100M000100Y43',
      data: {},
    },
    stage: 2,
    catalogVersion: '2026.1',
    form: { area: i },
    applicant: { name: '张三丰', idNumber: '11010519491231002X', phone: '13800138000' },
    items: [
      {
        code: 'PLAN',
        name: '建设工程规划许可证核发',
        department: '规划和自然资源局',
        promisedLimit: { value: 7, unit: 'workday' },
        statutoryLimit: { value: 20, unit: 'workday' },
        feeAllowed: false,
        deficiencyMaterials: [],
      },
      {
        code: 'PERMIT',
        name: '建筑工程施工许可证核发',
        department: '住房和城乡建设局',
        promisedLimit: { value: 5, unit: 'workday' },
        statutoryLimit: { value: 15, unit: 'workday' },
        feeAllowed: true,
        deficiencyMaterials: [],
      },
    ],
    materials: [{ code: 'M-APP', name: '申请表', status: 'collected', blobRefs: [] }],
    mode: 'accept',
  };
}

/**
 * A data directory holding `count` accepted stage applications (two item cases each), written
 * through the core's own acceptance before any host opens it: benches and the paging spec need
 * many cases, and acceptance on screen is what other specs drive.
 */
export function seedAcceptedApplications(dataDir: string, count: number, now: Date): void {
  const ws = openWorkstation({ dataDir, hostKind: 'browser-host', now: () => now });
  const actor = { id: 'seed', displayName: '预置数据', role: 'clerk' as const };
  try {
    ws.db.transaction(() => {
      for (let i = 0; i < count; i++) acceptStageApplication(ws, benchAcceptInput(i), actor);
    })();
  } finally {
    ws.close();
  }
}
