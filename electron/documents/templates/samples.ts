import type { Applicant, Counter, DocumentRef, ItemCase, Project, ReceivedMaterial, Remedies } from '../types';

/** Realistic but fictitious values for admin previews and the training mode. */
export const SAMPLE_AGENCY = '杭州市西湖区行政审批服务局';

export function sampleRef(prefix: string, serial: string): DocumentRef {
  return {
    documentNumber: `西审${prefix}〔2025〕${serial}号`,
    caseNumber: '330106-20250926-000123',
    verificationRef: 'https://zwfw.example.gov.cn/verify/7Q3K-9XDM-2F8A',
    issuedOn: '2025-09-26',
    agency: SAMPLE_AGENCY,
  };
}

export const sampleApplicant: Applicant = {
  name: '杭州西溪建设发展有限公司',
  creditCode: '91330106MA2H0C1X3L',
  contact: '王晓明',
  phone: '13905710000',
  address: '浙江省杭州市西湖区文三路 90 号东部软件园 1 号楼 501 室',
};

export const sampleProject: Project = {
  code: '2025-330106-47-01-123456',
  name: '西溪谷综合体二期（商业及办公用房）工程',
  address: '杭州市西湖区西溪路以南、紫金港路以东地块',
};

export const sampleCounter: Counter = {
  window: '综合受理窗口 3 号',
  clerk: '李静',
  phone: '0571-87654321',
};

export const sampleRemedies: Remedies = {
  reconsiderationBody: '杭州市西湖区人民政府',
  court: '杭州市西湖区人民法院',
};

export const sampleItems: ItemCase[] = [
  {
    name: '建筑工程施工许可证核发',
    caseNumber: '330106-20250926-000123',
    department: '区住房和城乡建设局',
    promisedDays: 3,
    dueDate: '2025-10-10',
  },
  {
    name: '人防工程施工图设计文件审查备案',
    caseNumber: '330106-20250926-000124',
    department: '区人民防空办公室',
    promisedDays: 5,
    dueDate: '2025-10-14',
  },
];

export const sampleMaterials: ReceivedMaterial[] = [
  { name: '建筑工程施工许可证申请表', form: '原件', originals: 1, copies: 0, pages: 2 },
  { name: '建设用地批准文件（不动产权证书）', form: '复印件', originals: 0, copies: 1, pages: 3, note: '已核验原件' },
  { name: '建设工程规划许可证及附件', form: '原件和复印件', originals: 1, copies: 1, pages: 6 },
  { name: '中标通知书及施工合同', form: '复印件', originals: 0, copies: 1, pages: 24 },
  { name: '施工图设计文件审查合格书', form: '复印件', originals: 0, copies: 1, pages: 2 },
  { name: '建设资金已经落实承诺书', form: '原件', originals: 1, copies: 0, pages: 1 },
];
