import { z } from 'zod';
import { IsoDate, method } from './contract-kit';

export const CaseStatus = z.enum([
  'draft',
  'accepted',
  'correction',
  'deficiency',
  'suspended',
  'special-procedure',
  'decided',
  'signed',
  'issued',
  'rejected',
  'denied',
  'withdrawn',
  'returned',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  draft: '草稿',
  accepted: '已受理',
  correction: '补正中',
  deficiency: '容缺待补',
  suspended: '已中止',
  'special-procedure': '特别程序',
  decided: '已决定',
  signed: '已签发',
  issued: '已出件',
  rejected: '不予受理',
  denied: '不予许可',
  withdrawn: '已撤回',
  returned: '已退件',
};

export const CaseListRow = z.object({
  id: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  department: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  /** Masked: 张*; the full name is on the case page. */
  applicantName: z.string(),
  /** Masked: 110105********002X. */
  applicantIdNumber: z.string(),
  status: CaseStatus,
  acceptedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
});
export type CaseListRow = z.infer<typeof CaseListRow>;

export const casesMethods = {
  'cases.list': method({
    input: z
      .object({
        query: z.string().trim().max(64, '搜索内容最多64个字符').default(''),
        status: CaseStatus.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(1_000_000).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(CaseListRow) }),
    access: 'user',
    summary: 'search cases by case number, project, applicant name or ID number',
  }),
};
