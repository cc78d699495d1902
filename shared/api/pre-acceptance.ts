/**
 * Pre-acceptance records (issue 11): when a required material is missing or defective before any
 * case is opened, the clerk gives the applicant a 一次性告知书 (行政许可法 §32 I (4)) or a
 * 不予受理决定书 (§32 I (1)/(2)) from the acceptance screen. The record is kept and journaled
 * although no case exists, counts in statistics, and links to the draft so the returning
 * applicant's application is found again. Documents: documents.render with `preAcceptanceId`.
 */
import { z } from 'zod';
import { FormValues } from './acceptance';
import { IsoDate, method } from './contract-kit';

const Stage = z.number().int().min(1, '阶段应为1至9').max(9, '阶段应为1至9');
const Code = (what: string) => z.string().trim().min(1, `缺少${what}`).max(40, `${what}过长`);

export const PRE_ACCEPTANCE_KINDS = ['one-time-notice', 'rejection'] as const;
export const PreAcceptanceKind = z.enum(PRE_ACCEPTANCE_KINDS);
export const PRE_ACCEPTANCE_KIND_LABELS: Record<(typeof PRE_ACCEPTANCE_KINDS)[number], string> = {
  'one-time-notice': '一次性告知',
  rejection: '不予受理',
};

/** One material the applicant must bring (or bring again). Names and requirements come from the catalog. */
export const PreAcceptanceDeficiencyInput = z
  .object({
    code: Code('材料编码'),
    kind: z.enum(['missing', 'defective'], '请选择“未提交”或“不符合要求”'),
    /** What is wrong, for a defective material (e.g. 未加盖公章); optional for a missing one. */
    problem: z.string().trim().max(300, '问题说明最多300字').optional(),
  })
  .strict()
  .refine((d) => d.kind !== 'defective' || (d.problem ?? '').length > 0, { message: '请写明该材料存在的问题', path: ['problem'] });

/** What the acceptance screen already holds: the stage, its items and the form typed so far. */
const scopeShape = {
  stage: Stage,
  /** The stage's items as composed (acceptance.compose form.items codes). */
  itemCodes: z.array(Code('事项编码')).min(1, '请先选择事项').max(20),
  catalogVersion: z.string().trim().max(40).optional(),
  /** The form values typed so far: the applicant, builder and project names are taken from them. */
  values: FormValues,
  /** Save the draft first (cases.saveDraft); the record links to it so the returning applicant is found again. */
  draftId: z.string().trim().min(1).max(64).optional(),
};

export const PreAcceptanceNotifyInput = z
  .object({
    ...scopeShape,
    deficiencies: z.array(PreAcceptanceDeficiencyInput).min(1, '请至少选择一份缺少或不符合要求的材料').max(100),
  })
  .strict();

export const PreAcceptanceRejectInput = z
  .object({
    ...scopeShape,
    reasons: z.array(z.string().trim().min(1, '请填写不予受理的理由').max(300, '理由最多300字')).min(1, '请填写不予受理的理由').max(10),
    /** Which §32 ground: not in this authority's remit (1: 不属于本机关职权范围) or not needing a licence (2: 依法不需要取得行政许可). */
    ground: z.enum(['not-competent', 'no-licence-needed', 'other'], '请选择不予受理的依据'),
  })
  .strict();

export const PreAcceptanceDeficiencyView = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['missing', 'defective']),
  /** What is wrong, in words for the applicant (未提交 for a missing one). */
  problem: z.string(),
  /** What to bring and in which form, from the catalog (原件1份、复印件2份). */
  requirement: z.string(),
});

export const PreAcceptanceView = z.object({
  id: z.string(),
  kind: PreAcceptanceKind,
  /** ASCII reference printed as Code 128 and typed into the search box, e.g. YC-20261201-0003. */
  number: z.string(),
  createdAt: z.string(),
  createdOn: IsoDate,
  clerk: z.string(),
  stage: z.number(),
  stageName: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), department: z.string() })),
  /** Full on the clerk's record view; masked (王*) in lists. */
  applicantName: z.string(),
  builderName: z.string().nullable(),
  projectName: z.string().nullable(),
  projectCode: z.string().nullable(),
  deficiencies: z.array(PreAcceptanceDeficiencyView),
  reasons: z.array(z.string()),
  draftId: z.string().nullable(),
  /** The linked draft still exists (the applicant has not come back and been accepted yet). */
  draftOpen: z.boolean(),
});
export type PreAcceptanceView = z.infer<typeof PreAcceptanceView>;

export const PreAcceptanceListInput = z
  .object({
    /** Applicant, builder or project name, project code or record number. */
    query: z.string().trim().max(60, '搜索内容最多60个字').default(''),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    kind: PreAcceptanceKind.optional(),
  })
  .strict();

export const preAcceptanceMethods = {
  'acceptance.preAcceptance.notify': method({
    input: PreAcceptanceNotifyInput,
    output: PreAcceptanceView,
    access: ['clerk'],
    summary: '一次性告知 before acceptance: record the missing or defective materials (no case is opened)',
  }),
  'acceptance.preAcceptance.reject': method({
    input: PreAcceptanceRejectInput,
    output: PreAcceptanceView,
    access: ['clerk'],
    summary: '不予受理 before acceptance: record the decision and its reasons (no case is opened)',
  }),
  'acceptance.preAcceptance.list': method({
    input: PreAcceptanceListInput,
    output: z.array(PreAcceptanceView),
    access: 'user',
    summary: 'pre-acceptance records, newest first, names masked',
  }),
  'acceptance.preAcceptance.get': method({
    input: z.object({ id: z.string().trim().min(1).max(64) }).strict(),
    output: PreAcceptanceView,
    access: 'user',
    summary: 'one pre-acceptance record in full',
  }),
};
