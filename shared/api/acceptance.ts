/**
 * The acceptance flow (issue 4): find or create the project, compose the stage's one form,
 * the materials checklist, accept. The Node side is authoritative: it composes again on submit
 * and resolves items, departments and limits from the catalog; the renderer never supplies
 * them as facts.
 */
import { z } from 'zod';
import { conditionSchema, fieldSchema, LAND_SOURCES, PROJECT_TYPES, timeLimitSchema } from '../domain/catalog/schema';
import { AcceptResult, BlobRefText } from './cases';
import { IsoDate, Ok, method } from './contract-kit';
import { MaterialCountsShape } from './documents';
import { checkUscc } from '../domain/identifiers';

const Code = (what: string) => z.string().trim().min(1, `缺少${what}`).max(40, `${what}过长`);
const Stage = z.number().int().min(1, '阶段应为1至9').max(9, '阶段应为1至9');
const ItemCode = Code('事项编码');
const MaterialCode = Code('材料编码');

/** What a form value may be: text boxes give strings, number boxes numbers, multiselects string lists. */
export const FieldValue = z.union([
  z.string().max(2000, '内容最多2000个字'),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(200)).max(50),
]);
export const FormValues = z.record(z.string().regex(/^[a-z][A-Za-z0-9.]{1,79}$/, '字段键格式不正确'), FieldValue);
export type FormValues = z.infer<typeof FormValues>;

/** Whose fields a card read fills: the 经办人 at the window, or the legal representative in person. */
export const IdCardRole = z.enum(['agent', 'applicant']);
export type IdCardRole = z.infer<typeof IdCardRole>;

/** What decides which items apply: known once the project is chosen. */
const scopeShape = {
  stage: Stage,
  /** Absent for a project the window has not seen yet. */
  projectCode: z.string().trim().max(40).optional(),
  projectType: z.enum(PROJECT_TYPES, '请选择立项类型（政府投资、核准或备案）'),
  landSource: z.enum(LAND_SOURCES, '请选择土地取得方式（划拨或出让）'),
  specialWorks: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  addItems: z.array(ItemCode).max(20).default([]),
  dropItems: z.array(ItemCode).max(20).default([]),
};

export const FieldSourceView = z.union([
  z.enum(['project', 'party', 'idcard', 'e-licence', 'clerk', 'empty']),
  z.templateLiteral(['stage:', z.number()]),
  z.templateLiteral(['result:', z.number()]),
]);
export const PrefilledValueView = z.object({
  value: z.unknown(),
  source: FieldSourceView,
  previous: z.object({ value: z.unknown(), source: FieldSourceView }).optional(),
});

export const StageFormItemView = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string(),
  departmentName: z.string(),
  promisedLimit: timeLimitSchema,
  statutoryLimit: timeLimitSchema.nullable(),
  inclusion: z.enum(['applies', 'added']),
});

export const StageFormView = z.object({
  catalogVersion: z.string(),
  stage: z.number(),
  stageName: z.string(),
  leadDepartment: z.string().nullable(),
  items: z.array(StageFormItemView),
  dropped: z.array(z.string()),
  sections: z.array(
    z.object({ topic: z.string(), label: z.string(), fields: z.array(fieldSchema.extend({ neededBy: z.array(z.string()) })) }),
  ),
  context: z.record(z.string(), z.unknown()),
});
export type StageFormView = z.infer<typeof StageFormView>;

export const CHECKLIST_STATUSES = ['reused', 'e-licence', 'to-collect', 'deficiency-allowed', 'issued-in-stage'] as const;
export const CHECKLIST_STATUS_LABELS: Record<(typeof CHECKLIST_STATUSES)[number], string> = {
  reused: '复用',
  'e-licence': '电子证照',
  'to-collect': '需收取',
  'deficiency-allowed': '可容缺',
  'issued-in-stage': '本阶段核发',
};

export const ChecklistLineView = z.object({
  code: z.string(),
  name: z.string(),
  neededBy: z.array(z.string()),
  status: z.enum(CHECKLIST_STATUSES),
  source: z
    .object({
      kind: z.enum(['stage', 'library', 'result', 'e-licence']),
      ref: z.string(),
      stage: z.number().optional(),
      validUntil: z.string().optional(),
    })
    .optional(),
  /** Where a reused or e-licence material comes from, in words for the clerk and the applicant. */
  from: z.string().nullable(),
  /** Files a reused material links to (the same blobs, never copies). */
  linkedBlobs: z.number().int(),
  form: z.string(),
  medium: z.string(),
  originals: z.number(),
  copies: z.number(),
  required: z.boolean(),
  deficiencyAllowed: z.boolean(),
  fromForm: z.boolean(),
  rejected: z.boolean(),
  when: z.array(z.string()),
  issuedBy: z.string().optional(),
});
export type ChecklistLineView = z.infer<typeof ChecklistLineView>;

export const ProjectSummary = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  landSource: z.string().nullable(),
  specialWorks: z.array(z.string()),
  builderName: z.string().nullable(),
  builderUscc: z.string().nullable(),
  /** Stages with an accepted application, ascending. */
  stagesAccepted: z.array(z.number()),
  /** Stages whose every case of the latest accepted application is issued (已出件): the stage is done. */
  stagesIssued: z.array(z.number()).default([]),
  lastAcceptedAt: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

const LimitView = timeLimitSchema;
export const CatalogItemView = z.object({
  code: z.string(),
  name: z.string(),
  stage: z.number(),
  department: z.string(),
  departmentName: z.string(),
  itemType: z.string(),
  caseType: z.string(),
  statutoryLimit: LimitView.nullable(),
  promisedLimit: LimitView,
  commitment: z.boolean(),
  visits: z.number(),
  online: z.string(),
  onRequest: z.boolean(),
  appliesWhen: conditionSchema.optional(),
  resultName: z.string(),
});
export type CatalogItemView = z.infer<typeof CatalogItemView>;

export const CatalogView = z.object({
  version: z.string(),
  title: z.string(),
  template: z.boolean(),
  note: z.string(),
  versions: z.array(z.string()),
  stages: z.array(
    z.object({
      no: z.number(),
      name: z.string(),
      leadDepartment: z.string().nullable(),
      leadDepartmentName: z.string(),
      description: z.string().optional(),
    }),
  ),
  items: z.array(CatalogItemView),
  /** Options of the project-level selects (special works...), from the catalog's fields. */
  specialWorks: z.array(z.string()),
});
export type CatalogView = z.infer<typeof CatalogView>;

/** The full 办事指南 of one item (DOMAIN.md section 4), with its materials. */
export const GuideView = z.object({
  catalogVersion: z.string(),
  code: z.string(),
  subCode: z.string(),
  mainCode: z.string(),
  implementationCode: z.string().nullable(),
  version: z.string(),
  name: z.string(),
  stage: z.number(),
  stageName: z.string(),
  departmentName: z.string(),
  itemType: z.string(),
  caseType: z.string(),
  statutoryLimit: z.string(),
  promisedLimit: z.string(),
  specialProcedures: z.array(z.object({ name: z.string(), limit: z.string(), note: z.string().nullable() })),
  fee: z.object({ charged: z.boolean(), basis: z.string(), amount: z.string().nullable() }),
  commitment: z.boolean(),
  visits: z.number(),
  online: z.string(),
  appliesWhen: z.string().nullable(),
  result: z.object({ type: z.string(), name: z.string() }),
  legalBasis: z.array(z.string()),
  implementingBody: z.string(),
  implementingBodyUscc: z.string().nullable(),
  acceptanceConditions: z.array(z.string()),
  process: z.array(z.string()),
  location: z.string(),
  hours: z.string(),
  consultPhone: z.string(),
  complaintPhone: z.string(),
  reconsiderationBody: z.string(),
  litigationBody: z.string(),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      form: z.string(),
      medium: z.string(),
      originals: z.number(),
      copies: z.number(),
      necessity: z.string(),
      when: z.string().nullable(),
      channel: z.string(),
      eLicence: z.boolean(),
      deficiencyAllowed: z.boolean(),
      validityMonths: z.number().nullable(),
    }),
  ),
});
export type GuideView = z.infer<typeof GuideView>;

export const ComposeResult = z.object({
  catalogVersion: z.string(),
  today: IsoDate,
  form: StageFormView,
  values: z.record(z.string(), PrefilledValueView),
  checklist: z.array(ChecklistLineView),
  project: ProjectSummary.nullable(),
  /** The stage was accepted before for this project: a second application is allowed but shown. */
  alreadyAccepted: z.boolean(),
});
export type ComposeResult = z.infer<typeof ComposeResult>;

export const MaterialSubmission = z
  .object({
    code: MaterialCode,
    blobRefs: z.array(BlobRefText).max(50, '每份材料最多50个文件').default([]),
    /** The clerk refused the copy that would have been reused (expired, wrong): collected anew. */
    rejectedReuse: z.boolean().optional(),
    /** Original/copy counts and pages handed over (issue 11): printed on the notice and receipt. */
    ...MaterialCountsShape,
  })
  .strict();

export const SubmitInput = z
  .object({
    ...scopeShape,
    /** The version the clerk composed under; a newer catalog since then means composing again. */
    catalogVersion: z.string().trim().max(40).optional(),
    values: FormValues,
    idCardRole: IdCardRole.optional(),
    materials: z.array(MaterialSubmission).max(200, '材料最多200份').default([]),
    rejectReason: z.string().trim().max(200).optional(),
    mode: z.enum(['accept', 'deficiency']),
    deficiency: z
      .object({
        commitment: z.string().trim().min(1, '请填写申请人的容缺受理承诺').max(500, '承诺内容最多500字'),
        supplyBy: IsoDate.optional(),
      })
      .strict()
      .optional(),
    draftId: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((v) => v.mode !== 'deficiency' || v.deficiency !== undefined, {
    message: '容缺受理须填写申请人承诺和补齐期限',
    path: ['deficiency'],
  });
export type SubmitInput = z.input<typeof SubmitInput>;

export const SubmitResult = AcceptResult.extend({
  catalogVersion: z.string(),
  stage: z.number(),
  /** Shown on the result screen and kept in the record; they never block. */
  warnings: z.record(z.string(), z.string()),
  /** Field keys whose prefilled value the clerk changed. */
  changed: z.array(z.string()),
  reused: z.array(z.string()),
});
export type SubmitResult = z.infer<typeof SubmitResult>;

export const UPLOAD_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const DISPLAY_STEPS = ['project', 'stage', 'form', 'materials', 'review', 'done'] as const;
export const DISPLAY_STEP_LABELS: Record<(typeof DISPLAY_STEPS)[number], string> = {
  project: '确认项目',
  stage: '选择阶段',
  form: '填写申请表',
  materials: '核对材料',
  review: '确认受理',
  done: '受理完成',
};

/** What the applicant's screen may show: masked name only, the checklist so they can object. */
export const DisplayUpdate = z.object({
  applicantName: z.string().nullable(),
  projectName: z.string().nullable(),
  stage: z.number().nullable(),
  stageName: z.string().nullable(),
  items: z.array(z.string()),
  step: z.enum(DISPLAY_STEPS),
  progress: z.object({ done: z.number(), of: z.number() }),
  checklist: z.array(
    z.object({ name: z.string(), status: z.enum(CHECKLIST_STATUSES), statusLabel: z.string(), from: z.string().nullable() }),
  ),
  caseNumbers: z.array(z.string()),
});
export type DisplayUpdate = z.infer<typeof DisplayUpdate>;

export const acceptanceMethods = {
  'acceptance.catalog': method({
    input: z.object({ version: z.string().trim().max(40).optional() }).strict(),
    output: CatalogView,
    access: 'user',
    summary: 'the catalog applications are accepted under (or a stored version): stages and items',
  }),
  'acceptance.guide': method({
    input: z.object({ itemCode: ItemCode, version: z.string().trim().max(40).optional() }).strict(),
    output: GuideView,
    access: 'user',
    summary: 'the full 办事指南 of one item',
  }),
  'acceptance.findProjects': method({
    input: z.object({ query: z.string().trim().max(60, '搜索内容最多60个字').default('') }).strict(),
    output: z.array(ProjectSummary),
    access: 'user',
    summary: 'projects by 项目代码 or name, with the stages already accepted',
  }),
  'acceptance.compose': method({
    input: z.object({ ...scopeShape, idCardRole: IdCardRole.optional() }).strict(),
    output: ComposeResult,
    access: ['clerk'],
    summary: 'the stage’s one form, prefilled with sources, and its materials checklist',
  }),
  'acceptance.checklist': method({
    input: z.object({ ...scopeShape, values: FormValues.default({}), rejected: z.array(MaterialCode).max(100).default([]) }).strict(),
    output: z.array(ChecklistLineView),
    access: ['clerk'],
    summary: 'recompute the checklist (after values change or a reused material is rejected)',
  }),
  'acceptance.uploadMaterial': method({
    input: z
      .object({
        materialCode: MaterialCode,
        fileName: z.string().trim().min(1, '缺少文件名').max(200, '文件名过长'),
        mime: z.string().trim().max(100),
        dataBase64: z.string().min(1, '文件为空，请重新选择'),
      })
      .strict(),
    output: z.object({ sha256: z.string(), size: z.number().int(), mime: z.string(), pages: z.number().int().optional() }),
    access: ['clerk'],
    summary: 'store one file of a material; returns its blob reference and page count',
  }),
  'acceptance.submit': method({
    input: SubmitInput,
    output: SubmitResult,
    access: ['clerk'],
    summary: 'accept the stage application: composed, validated and resolved on the Node side',
  }),
  'acceptance.display': method({
    input: z
      .object({
        applicantName: z.string().trim().max(40).optional(),
        projectName: z.string().trim().max(80).optional(),
        stage: Stage.optional(),
        items: z.array(ItemCode).max(20).default([]),
        step: z.enum(DISPLAY_STEPS),
        checklist: z
          .array(z.object({ code: MaterialCode, status: z.enum(CHECKLIST_STATUSES), from: z.string().max(80).nullable() }).strict())
          .max(200)
          .default([]),
        caseNumbers: z.array(z.string().max(40)).max(20).default([]),
      })
      .strict(),
    output: Ok,
    access: ['clerk'],
    summary: 'show the applicant what is happening (masked name, checklist with reuse, progress)',
  }),
  'acceptance.lookupElicences': method({
    input: z
      .object({
        uscc: z
          .string()
          .trim()
          .toUpperCase()
          .refine((v) => checkUscc(v).ok || /^[0-9A-Z]{18}$/.test(v), '统一社会信用代码应为18位，请核对后再查询'),
      })
      .strict(),
    output: z.object({
      asked: z.boolean(),
      found: z.number().int().nonnegative(),
      licences: z.array(z.string()),
      fields: z.record(z.string(), z.string()),
      message: z.string(),
    }),
    access: 'user',
    summary: "asks the platform's e-licence library for the builder's licences (by USCC) and says what this window now holds",
  }),
  'acceptance.clearDisplay': method({
    input: z.object({}).strict(),
    output: Ok,
    access: 'user',
    summary: 'the form closed: the applicant display returns to its welcome',
  }),
};
