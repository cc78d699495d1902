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
