/**
 * What a leader signs for one case: the decision as it will be printed on the decision
 * document, in a fixed shape so the lifecycle, the document templates and any later verifier
 * agree on the bytes. The lifecycle builds it from the case; the signature covers it together
 * with the SHA-256 of the generated PDF.
 */
import { z } from 'zod';
import { checkIdNumber } from '../identifiers/id-number';
import { checkProjectCode } from '../identifiers/project-code';
import { checkUscc } from '../identifiers/uscc';

// No trimming or other transforms: the parsed content must be exactly what was sent, or a
// verifier re-parsing it would hash different bytes from the ones that were signed.
const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what}最多${max}个字符`)
    .refine((s) => s.trim().length > 0, `请填写${what}`)
    .refine((s) => s === s.trim(), `${what}首尾不能有空格`);

export const DECISIONS = ['approve', 'reject'] as const;
export const DECISION_LABELS: Record<(typeof DECISIONS)[number], string> = { approve: '准予许可', reject: '不予许可' };

export const ApplicantIdKind = z.enum(['id-card', 'uscc', 'other']);

export const DecisionApplicant = z
  .object({
    name: text(200, '申请人名称'),
    idKind: ApplicantIdKind,
    idNumber: text(64, '申请人证件号码'),
  })
  .strict()
  .superRefine((a, ctx) => {
    // The signed identifier must be the one on file: a mistyped number signed is a wrong decision.
    const check = a.idKind === 'id-card' ? checkIdNumber(a.idNumber) : a.idKind === 'uscc' ? checkUscc(a.idNumber) : undefined;
    if (check && !check.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.message });
    if (check && check.ok && check.value !== a.idNumber) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '证件号码请使用规范写法（去掉空格，字母大写）后再签署' });
    }
  });

export const DecisionContent = z
  .object({
    /** 办件编号 of the item case. */
    caseNumber: text(64, '办件编号'),
    /** 决定书文号, e.g. 建许字〔2025〕12号. */
    documentNumber: text(64, '决定书文号'),
    itemCode: text(64, '事项编码'),
    itemName: text(200, '事项名称'),
    department: text(100, '承办部门'),
    decision: z.enum(DECISIONS, { message: '决定只能是准予许可或不予许可' }),
    opinion: text(2000, '审批意见'),
    applicant: DecisionApplicant,
    project: z
      .object({
        /** 项目代码; null for items outside a construction project. */
        code: z.string().max(64, '项目代码最多64个字符').nullable(),
        name: text(200, '项目名称'),
      })
      .strict()
      .superRefine((p, ctx) => {
        if (p.code === null) return;
        const check = checkProjectCode(p.code);
        if (!check.ok) ctx.addIssue({ code: 'custom', path: ['code'], message: check.message });
      }),
    decisionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '决定日期格式应为 YYYY-MM-DD'),
  })
  .strict();
export type DecisionContent = z.infer<typeof DecisionContent>;
