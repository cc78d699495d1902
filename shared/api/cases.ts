import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/dates';
import {
  RESIDENT_ID,
  checkCertificate,
  checkElicenceId,
  checkIdNumber,
  checkPhone,
  checkProjectCode,
  checkUscc,
} from '../domain/identifiers';
import { ACTION_ROLES, CASE_ACTIONS, CASE_STATUSES, STATUS_TEXT, type CaseAction } from '../domain/lifecycle/case-actions';
import { IsoDate, Ok, method } from './contract-kit';
import { MaterialCountsShape } from './documents';

/** The statuses are the lifecycle's own (shared/domain/lifecycle): one list. */
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = STATUS_TEXT;

export const CaseListRow = z.object({
  id: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  department: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  /** Masked: 张*; the full name is on the case page. */
  applicantName: z.string(),
  /** Masked: 110105********002X (a unit's 统一社会信用代码 in full). */
  applicantIdNumber: z.string(),
  applicantCertificateType: z.string().optional(),
  /** The 经办人 who came to the window, masked; null when the applicant came in person. */
  agentName: z.string().nullable().optional(),
  agentCertificateType: z.string().nullable().optional(),
  agentIdNumber: z.string().nullable().optional(),
  status: CaseStatus,
  acceptedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  /** The due date rests on a year whose holiday arrangement is not yet published (暂估). */
  dueEstimated: z.boolean().optional(),
});
export type CaseListRow = z.infer<typeof CaseListRow>;

// ---- The lifecycle after acceptance (issue 5). Every input is a strict object: unknown keys
// are refused so a renderer bug cannot smuggle fields into a legal record. ----

const Id = z.string().trim().min(1, '缺少编号').max(64, '编号过长');
const Text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多${max}个字`);
const Day = IsoDate.refine(isIsoDate, '日期不存在，请按 YYYY-MM-DD 填写');
export const BlobRefText = z.string().regex(/^[0-9a-f]{64}$/, '材料文件编号应为64位小写十六进制（SHA-256）');

export const TimeLimitInput = z
  .object({ value: z.number().int().min(0, '时限不能为负数').max(365, '时限最多365天'), unit: z.enum(['workday', 'natural-day']) })
  .strict();

/** A unit applies with its 统一社会信用代码 as its certificate; a person with one of the certificate types. */
export const UNIT_CERTIFICATE = '统一社会信用代码';

export const PersonInput = z
  .object({
    name: Text(60, '姓名或单位名称'),
    /** 居民身份证 when absent (cases accepted before certificate types existed). */
    certificateType: z.string().trim().min(1).max(20).optional(),
    idNumber: z.string().trim().max(24, '证件号码最多24位').optional(),
    /** The 通行证 number a 港澳台居民居住证 carries beside its own number. */
    passNumber: z
      .string()
      .trim()
      .max(11)
      .regex(/^([HM]\d{8}|\d{8})$/, '通行证号码应为 H/M 加8位数字或8位数字')
      .optional(),
    englishName: z.string().trim().max(70, '英文姓名最多70个字符').optional(),
    nationality: z.string().trim().max(30, '国籍最多30个字').optional(),
    phone: z
      .string()
      .trim()
      .refine((v) => checkPhone(v).ok, '电话号码应为手机号、带区号的固定电话或以 + 开头的国际号码')
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.idNumber === undefined) return;
    const type = p.certificateType ?? RESIDENT_ID;
    const r = type === UNIT_CERTIFICATE ? checkUscc(p.idNumber) : checkCertificate(type, p.idNumber);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.message ?? '证件号码不正确，请核对后重新输入' });
  });
export type PersonInput = z.infer<typeof PersonInput>;

export const ProjectInput = z
  .object({
    code: z
      .string()
      .trim()
      .refine((v) => checkProjectCode(v).ok, '项目代码格式应为 年份-6位区划-2位-2位-6位流水号'),
    name: Text(60, '项目名称'),
    type: z.string().trim().max(32).optional(),
    landSource: z.string().trim().max(32).optional(),
    builderName: Text(60, '建设单位名称'),
    // A failing check character only warns (real registers hold such codes); the shape must hold.
    builderUscc: z
      .string()
      .trim()
      .refine((v) => checkUscc(v).ok, '统一社会信用代码应为18位数字或大写字母'),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const ResolvedItemInput = z
  .object({
    code: Text(40, '事项编码'),
    name: Text(60, '事项名称'),
    department: Text(64, '承办部门'),
    promisedLimit: TimeLimitInput,
    statutoryLimit: TimeLimitInput,
    feeAllowed: z.boolean(),
    /** Material codes the catalog allows to be missing at acceptance (容缺). */
    deficiencyMaterials: z.array(Text(40, '材料编码')).max(100).default([]),
    /** 联合/集中办理 (art. 26): the extension cap is 15 working days instead of 10. */
    jointHandling: z.boolean().default(false),
  })
  .strict();
export type ResolvedItemInput = z.infer<typeof ResolvedItemInput>;

export const MaterialStatus = z.enum(['collected', 'reused', 'e-licence', 'deficiency']);
export const MaterialInput = z
  .object({
    code: Text(40, '材料编码'),
    name: Text(80, '材料名称'),
    status: MaterialStatus,
    blobRefs: z.array(BlobRefText).max(50, '每份材料最多50个文件').default([]),
    /** E-licence identifier or the earlier case the material is reused from. */
    ref: z.string().trim().max(200).optional(),
    /** Item codes that need this material; absent means every item of the application. */
    forItems: z.array(Text(40, '事项编码')).max(20).optional(),
    /** Original/copy counts and pages handed over, as recorded at collection (issue 11). */
    ...MaterialCountsShape,
    /** Generated from the application form, not handed over on paper: the documents say so. */
    fromForm: z.boolean().optional(),
  })
  .strict();
export type MaterialInput = z.infer<typeof MaterialInput>;

export const AcceptInput = z
  .object({
    project: ProjectInput,
    stage: z.number().int().min(1, '阶段应为1至9').max(9, '阶段应为1至9'),
    catalogVersion: Text(40, '事项目录版本'),
    form: z.record(z.string(), z.unknown()).default({}),
    applicant: PersonInput,
    agent: PersonInput.optional(),
    items: z.array(ResolvedItemInput).min(1, '至少选择一个审批事项').max(20, '一次最多受理20个事项'),
    materials: z.array(MaterialInput).max(200, '材料最多200份').default([]),
    mode: z.enum(['accept', 'deficiency']),
    /** Required for 容缺受理: the applicant's signed commitment and the supplement deadline. */
    deficiency: z
      .object({
        commitment: Text(500, '容缺受理承诺内容'),
        supplyBy: Day.optional(),
        supplyWithinWorkdays: z.number().int().min(1).max(60).optional(),
      })
      .strict()
      .optional(),
    draftId: Id.optional(),
  })
  .strict()
  .refine((v) => v.mode !== 'deficiency' || v.deficiency !== undefined, {
    message: '容缺受理须填写申请人承诺和补齐期限',
    path: ['deficiency'],
  });
export type AcceptInput = z.infer<typeof AcceptInput>;

export const AcceptedCase = z.object({
  id: z.string(),
  caseNumber: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  status: CaseStatus,
  acceptedOn: IsoDate,
  dueOn: IsoDate.nullable(),
});
export const AcceptResult = z.object({ applicationId: z.string(), projectId: z.string(), cases: z.array(AcceptedCase) });
export type AcceptResult = z.infer<typeof AcceptResult>;

export const DraftSummary = z.object({ draftId: z.string(), title: z.string(), updatedAt: z.string(), createdBy: z.string().nullable() });

export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子件'] as const;
export const CorrectionItem = z
  .object({
    code: Text(40, '材料编码'),
    name: Text(80, '材料名称'),
    problem: Text(300, '存在的问题'),
    form: z.enum(MATERIAL_FORMS),
    dueBy: Day,
  })
  .strict();
export type CorrectionItem = z.infer<typeof CorrectionItem>;

export const SupplementMaterial = z
  .object({
    code: Text(40, '材料编码'),
    name: Text(80, '材料名称'),
    status: z.enum(['collected', 'e-licence', 'reused']).default('collected'),
    blobRefs: z.array(BlobRefText).max(50).default([]),
    ref: z.string().trim().max(200).optional(),
    ...MaterialCountsShape,
  })
  .strict();

export const SPECIAL_PROCEDURES = ['听证', '招标', '拍卖', '检验', '检测', '检疫', '鉴定', '专家评审', '现场勘验'] as const;

export const TransitionResult = z.object({ id: z.string(), caseNumber: z.string(), status: CaseStatus, dueOn: IsoDate.nullable() });
export type TransitionResult = z.infer<typeof TransitionResult>;

const byCase = <S extends z.ZodRawShape>(shape: S) => z.object({ caseId: Id, ...shape }).strict();

const DeadlineView = z.union([
  z.object({
    known: z.literal(true),
    dueDate: IsoDate,
    provisional: z.boolean(),
    /** The count crosses a year without a published arrangement: the date is 暂估. */
    estimated: z.boolean(),
    extensionWorkdays: z.number(),
    elapsedWorkdays: z.number(),
    remainingWorkdays: z.number(),
    pausedWorkdays: z.number(),
    level: z.enum(['normal', 'yellow', 'red', 'paused']),
  }),
  z.object({ known: z.literal(false), message: z.string() }),
]);

export const HistoryEntry = z.object({ seq: z.number(), type: z.string(), actor: z.string(), at: z.string(), summary: z.string() });

/** A party as the case page shows it: the certificate type with its (masked) number, never a bare number. */
export const CasePerson = z.object({
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string().nullable(),
  /** 居民身份证, 港澳居民来往内地通行证 …, or 统一社会信用代码 for a unit (shown in full: not personal data). */
  certificateType: z.string().optional(),
  passNumberMasked: z.string().nullable().optional(),
  englishName: z.string().nullable().optional(),
  nationality: z.string().nullable().optional(),
});
export type CasePerson = z.infer<typeof CasePerson>;

/** A material as a case holds it; paper counts as recorded at collection (absent in older records). */
export const CaseMaterial = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  blobRefs: z.array(z.string()),
  ref: z.string().nullable(),
  originals: z.number().optional(),
  copies: z.number().optional(),
  pages: z.number().optional(),
  fromForm: z.boolean().optional(),
});

export const CaseDetail = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  project: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: z.string().nullable(),
    landSource: z.string().nullable(),
    builderName: z.string().nullable(),
    builderUscc: z.string().nullable(),
  }),
  application: z.object({
    id: z.string(),
    stage: z.number(),
    catalogVersion: z.string(),
    mode: z.enum(['accept', 'deficiency']),
    acceptedAt: z.string().nullable(),
    acceptedBy: z.string().nullable(),
    windowNumber: z.string().nullable(),
  }),
  /** Full name and phone are shown on the case page; the ID number only through revealIdNumber. */
  applicant: CasePerson,
  agent: CasePerson.nullable(),
  materials: z.array(CaseMaterial),
  promisedLimit: z.object({ value: z.number(), unit: z.enum(['workday', 'natural-day']) }),
  statutoryLimit: z.object({ value: z.number(), unit: z.enum(['workday', 'natural-day']) }).nullable(),
  feeAllowed: z.boolean(),
  acceptedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  deadline: DeadlineView,
  correction: z
    .object({
      requestedOn: IsoDate,
      items: z.array(z.object({ code: z.string(), name: z.string(), problem: z.string(), form: z.string(), dueBy: z.string() })),
      outstanding: z.array(z.string()),
      closedOn: IsoDate.nullable(),
      /** 行政许可法 art. 32: the 5-working-day notification clock. */
      notice: z
        .object({
          noticeDueOn: IsoDate,
          state: z.enum(['pending', 'notified-in-time', 'late']),
          remainingWorkdays: z.number(),
          deemedAcceptedOn: IsoDate.nullable(),
        })
        .nullable(),
    })
    .nullable(),
  deficiency: z
    .object({
      commitment: z.string(),
      supplyBy: IsoDate,
      materials: z.array(z.object({ code: z.string(), name: z.string() })),
      outstanding: z.array(z.string()),
      suppliedOn: IsoDate.nullable(),
      lapse: z
        .object({
          state: z.enum(['awaiting', 'supplied', 'suspended', 'restored', 'returned']),
          suspendedFrom: IsoDate,
          restoreBy: IsoDate,
          returnOn: IsoDate,
        })
        .nullable(),
    })
    .nullable(),
  specialProcedures: z.array(
    z.object({
      kind: z.string(),
      startedOn: IsoDate,
      endedOn: IsoDate.nullable(),
      note: z.string().nullable(),
      expectedWorkdays: z.number().nullable(),
    }),
  ),
  extensions: z.array(z.object({ workdays: z.number(), reason: z.string(), approvedBy: z.string(), approvedOn: IsoDate })),
  decision: z
    .object({ decision: z.enum(['approve', 'deny']), opinion: z.string(), decidedBy: z.string(), decidedAt: z.string() })
    .nullable(),
  signature: z.object({ signatureId: z.string(), signedBy: z.string(), signedAt: z.string() }).nullable(),
  issuance: z
    .object({
      issuedAt: z.string(),
      documentNumber: z.string().nullable(),
      elicenceId: z.string().nullable(),
      validUntil: z.string().nullable(),
    })
    .nullable(),
  closure: z.object({ kind: z.enum(['rejected', 'withdrawn', 'returned']), reason: z.string(), at: z.string() }).nullable(),
  fees: z.array(
    z.object({ amountFen: z.number(), basis: z.string(), paymentRef: z.string(), recordedAt: z.string(), recordedBy: z.string() }),
  ),
  history: z.array(HistoryEntry),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

const role = (a: CaseAction) => ACTION_ROLES[a];

/** What the clerk may correct after acceptance (issue 11): who applied and the names printed on every document. */
export const CORRECTABLE_PARTY_FIELDS = [
  'applicantName',
  'applicantIdNumber',
  'applicantPhone',
  'agentName',
  'agentPhone',
  'projectName',
  'builderName',
] as const;
export type CorrectablePartyField = (typeof CORRECTABLE_PARTY_FIELDS)[number];
export const CORRECTABLE_PARTY_LABELS: Record<CorrectablePartyField, string> = {
  applicantName: '申请人姓名',
  applicantIdNumber: '申请人身份证号',
  applicantPhone: '申请人电话',
  agentName: '代理人姓名',
  agentPhone: '代理人电话',
  projectName: '项目名称',
  builderName: '建设单位名称',
};
const PersonName = (what: string) =>
  Text(30, what).refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '<' || ch === '>'), `${what}含有不能打印的字符`);
export const CorrectPartiesInput = z
  .object({
    caseId: Id,
    applicantName: PersonName('申请人姓名').optional(),
    applicantIdNumber: z
      .string()
      .trim()
      .refine((v) => checkIdNumber(v).ok, '身份证号不正确，请核对后重新输入')
      .optional(),
    applicantPhone: z
      .string()
      .trim()
      .refine((v) => checkPhone(v).ok, '电话号码应为11位手机号或带区号的固定电话')
      .optional(),
    agentName: PersonName('代理人姓名').optional(),
    agentPhone: z
      .string()
      .trim()
      .refine((v) => checkPhone(v).ok, '电话号码应为11位手机号或带区号的固定电话')
      .optional(),
    projectName: Text(60, '项目名称').optional(),
    builderName: Text(60, '建设单位名称').optional(),
    reason: Text(200, '更正原因'),
  })
  .strict();
export type CorrectPartiesInput = z.input<typeof CorrectPartiesInput>;
export const CorrectPartiesResult = z.object({
  /** Every case of the application: their documents now print the corrected values. */
  caseIds: z.array(z.string()),
  changed: z.array(z.object({ field: z.enum(CORRECTABLE_PARTY_FIELDS), label: z.string() })),
});

export const caseLifecycleMethods = {
  'cases.saveDraft': method({
    input: z.object({ draftId: Id.optional(), title: Text(100, '草稿标题'), data: z.record(z.string(), z.unknown()) }).strict(),
    output: DraftSummary,
    access: ['clerk'],
    summary: 'park an unfinished application',
  }),
  'cases.listDrafts': method({
    input: z.object({}).strict(),
    output: z.array(DraftSummary),
    access: ['clerk'],
    summary: 'unfinished applications',
  }),
  'cases.loadDraft': method({
    input: z.object({ draftId: Id }).strict(),
    output: DraftSummary.extend({ data: z.record(z.string(), z.unknown()) }),
    access: ['clerk'],
    summary: 'reopen an unfinished application',
  }),
  'cases.deleteDraft': method({
    input: z.object({ draftId: Id }).strict(),
    output: Ok,
    access: ['clerk'],
    summary: 'discard an unfinished application',
  }),
  'cases.get': method({
    input: z.union([z.object({ id: Id }).strict(), z.object({ caseNumber: z.string().trim().min(4).max(40) }).strict()]),
    output: CaseDetail,
    access: 'user',
    summary: 'everything the case page shows (by id or by scanned case number)',
  }),
  'cases.revealIdNumber': method({
    input: z.object({ caseId: Id }).strict(),
    output: z.object({ idNumber: z.string() }),
    access: 'user',
    summary: 'show the applicant’s full ID number (journaled)',
  }),
  'cases.requestCorrection': method({
    input: byCase({ items: z.array(CorrectionItem).min(1, '请列出需要补正的全部材料').max(100) }),
    output: TransitionResult,
    access: role('requestCorrection'),
    summary: '一次性告知: every missing or flawed material at once; the decision clock pauses',
  }),
  'cases.reject': method({
    input: byCase({
      reasons: z.array(Text(300, '不予受理理由')).min(1, '请写明不予受理的理由').max(10),
      legalBasis: Text(300, '法律依据'),
      remedies: z.object({ reconsiderationBody: Text(60, '行政复议机关'), court: Text(60, '行政诉讼法院') }).strict(),
    }),
    output: TransitionResult,
    access: role('reject'),
    summary: '不予受理 with reasons and the applicant’s remedies',
  }),
  'cases.supplement': method({
    input: byCase({ materials: z.array(SupplementMaterial).min(1, '请登记补交的材料').max(100) }),
    output: TransitionResult,
    access: role('supplement'),
    summary: 'materials arrive: closes the correction or the 容缺 deficiency once all are in',
  }),
  'cases.startSpecialProcedure': method({
    input: byCase({
      kind: z.enum(SPECIAL_PROCEDURES),
      note: z.string().trim().max(200).optional(),
      expectedWorkdays: z.number().int().min(1).max(365).optional(),
    }),
    output: TransitionResult,
    access: role('startSpecialProcedure'),
    summary: '特别程序 starts (art. 45): its time is not counted',
  }),
  'cases.endSpecialProcedure': method({
    input: byCase({ outcome: z.string().trim().max(300).optional() }),
    output: TransitionResult,
    access: role('endSpecialProcedure'),
    summary: '特别程序 ends: the clock runs again',
  }),
  'cases.extend': method({
    input: byCase({ workdays: z.number().int().min(1, '延期至少1个工作日').max(15, '延期最多15个工作日'), reason: Text(300, '延期理由') }),
    output: TransitionResult,
    access: role('extend'),
    summary: 'extension approved by a leader, within the statutory cap',
  }),
  'cases.decide': method({
    input: byCase({ decision: z.enum(['approve', 'deny']), opinion: Text(1000, '审查意见') }),
    output: TransitionResult,
    access: role('decide'),
    summary: 'department decision on one item case',
  }),
  'cases.sign': method({
    input: byCase({ signatureId: Id }),
    output: TransitionResult,
    access: role('sign'),
    summary: 'record the leader’s signature (made by electron/signing) on the decision',
  }),
  'cases.signAtWindow': method({
    input: z
      .object({
        ticket: z.string().regex(/^[0-9a-f]{64}$/, '签名授权格式不正确，请领导重新验证身份'),
        caseIds: z
          .array(Id)
          .min(1, '请选择要签发的办件')
          .max(20, '一次最多签发20件，请分批签发')
          .refine((ids) => new Set(ids).size === ids.length, '同一办件在本批中出现了两次'),
        signatureImage: z.base64('签名图片应为 base64 编码的 PNG').max(273_068, '签名图片不能超过200KB，请清除后重新签写').optional(),
        confirmedEach: z.literal(true, { message: '请领导逐件查看并确认后再签名' }),
      })
      .strict(),
    output: z.object({
      signed: z.array(
        z.object({ caseId: z.string(), caseNumber: z.string(), signatureId: z.string(), reference: z.string(), result: TransitionResult }),
      ),
    }),
    // The authority is the leader's step-up ticket, bound to this session; the case records the leader.
    access: 'user',
    summary: 'a leader signs decided cases at the clerk’s window (SM2) and each case is recorded as signed by that leader',
  }),
  'cases.issue': method({
    input: byCase({
      documentNumber: z.string().trim().max(40).optional(),
      elicenceId: z
        .string()
        .trim()
        .refine((v) => checkElicenceId(v).ok, '电子证照标识格式不正确')
        .optional(),
      validUntil: Day.optional(),
    }),
    output: TransitionResult,
    access: role('issue'),
    summary: '出件: the signed result is handed over',
  }),
  'cases.withdraw': method({
    input: byCase({ reason: Text(300, '撤回原因') }),
    output: TransitionResult,
    access: role('withdraw'),
    summary: 'the applicant withdraws',
  }),
  'cases.recordFee': method({
    input: byCase({
      amountFen: z.number().int().min(1, '金额应大于0（单位：分）').max(10_000_000_000, '金额过大，请核对'),
      basis: Text(200, '收费依据'),
      paymentRef: Text(64, '缴款凭证号'),
    }),
    output: TransitionResult,
    access: role('recordFee'),
    summary: 'a fee paid (amount in fen, basis, payment reference)',
  }),
  'cases.correctParties': method({
    input: CorrectPartiesInput,
    output: CorrectPartiesResult,
    access: ['clerk', 'leader'],
    summary: 'correct the applicant data of an accepted application (all its cases), with a reason; old values journaled',
  }),
  'cases.sweep': method({
    input: z.object({}).strict(),
    output: z.object({ suspended: z.array(z.string()), returned: z.array(z.string()) }),
    access: 'user',
    summary: '容缺 deadlines: suspend overdue cases, return those past the grace period',
  }),
};

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
  ...caseLifecycleMethods,
};
