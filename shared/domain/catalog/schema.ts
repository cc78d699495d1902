/**
 * The approval catalog as data (resources/catalog/*.json): stages, approval items with their
 * service guides (办事指南), material types and the canonical form fields. Localities adapt the
 * default file; the schema is what every adapted file must satisfy before semantic checks run.
 */
import { z } from 'zod';
import type { Condition } from './conditions';

export const CATALOG_FORMAT = 'onewindow-catalog/1';

export const LIMIT_UNITS = ['工作日', '自然日'] as const;
export const ITEM_TYPES = ['行政许可', '行政确认', '行政备案', '其他行政权力', '公共服务'] as const;
export const CASE_TYPES = ['即办件', '承诺件', '联办件', '上报件'] as const;
export const ONLINE_LEVELS = ['全程网办', '部分网办', '不网办'] as const;
export const RESULT_TYPES = ['许可证', '批准文件', '意见书', '备案证明', '审查意见', '验收意见', '其他'] as const;
export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件'] as const;
export const MATERIAL_MEDIA = ['纸质', '电子', '纸质和电子'] as const;
export const NECESSITIES = ['必要', '非必要'] as const;
export const CHANNELS = ['申请人自备', '部门核发', '数据共享'] as const;
export const HOLDER_ROLES = ['project', 'builder', 'agent', 'contractor', 'supervisor', 'designer'] as const;
/**
 * `certificateType` is a select whose options are the built-in certificate types plus the hall's
 * own (settings), filled in when the form is composed; `certificateNumber` is checked against the
 * type chosen in its sibling `<person>.certType` field (居民身份证 when none).
 */
export const FIELD_TYPES = [
  'text',
  'number',
  'date',
  'select',
  'multiselect',
  'idNumber',
  'uscc',
  'projectCode',
  'phone',
  'certificateType',
  'certificateNumber',
] as const;
export const PROJECT_TYPES = ['政府投资', '核准', '备案'] as const;
export const LAND_SOURCES = ['划拨', '出让'] as const;

/** The form values an item's applicability may depend on: known when the project is chosen. */
export const APPLICABILITY_KEYS = ['project.type', 'project.landSource', 'project.specialWorks'] as const;

export type ProjectType = (typeof PROJECT_TYPES)[number];
export type LandSource = (typeof LAND_SOURCES)[number];
export type FieldType = (typeof FIELD_TYPES)[number];

const FIELD_KEY = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
const fieldKey = z.string().regex(FIELD_KEY, '字段键应为小写开头、以点分隔的英文路径，如 builder.uscc');
const code = z.string().regex(/^[a-z][a-z0-9-]*$/, '代码应为小写英文、数字和连字符，如 business-licence');
const text = z.string().trim().min(1, '不能为空');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: fieldKey, equals: scalar }),
    z.strictObject({ field: fieldKey, in: z.array(scalar).min(1) }),
    z.strictObject({ field: fieldKey, includes: z.string() }),
    z.strictObject({ field: fieldKey, filled: z.boolean() }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const timeLimitSchema = z.strictObject({
  value: z.number().int().nonnegative(),
  unit: z.enum(LIMIT_UNITS),
});

export const departmentSchema = z.strictObject({
  code,
  name: text,
  shortName: text.optional(),
  uscc: z.string().optional(),
});

export const stageSchema = z.strictObject({
  no: z.number().int().min(1).max(9),
  name: text,
  /** null for 并行推进: it runs beside the stages and has no lead. */
  leadDepartment: code.nullable(),
  description: z.string().optional(),
});

export const topicSchema = z.strictObject({ key: code, label: text });

const requirementSchema = z.strictObject({
  material: z.string().min(1, '未填写材料代码'),
  necessity: z.enum(NECESSITIES).optional(),
  when: z.string().optional(),
  neededWhen: conditionSchema.optional(),
  deficiencyAllowed: z.boolean().optional(),
});

const guideSchema = z.strictObject({
  legalBasis: z.array(text).min(1, '请至少列出一条设定依据'),
  implementingBody: text,
  implementingBodyUscc: z.string().optional(),
  acceptanceConditions: z.array(text).min(1, '请至少列出一条受理条件'),
  process: z.array(text).min(1, '请列出办理流程'),
  location: text,
  hours: text,
  consultPhone: text,
  complaintPhone: text,
  reconsiderationBody: text,
  litigationBody: text,
});

export const itemSchema = z.strictObject({
  /** 业务办理项编码: the 子项编码 plus two digits. */
  code: z.string().regex(/^[0-9A-Z]{12}\d{2}$/, '业务办理项编码应为12位子项编码加2位数字，如 00016421300301'),
  subCode: z.string().regex(/^[0-9A-Z]{12}$/, '子项编码应为12位，如 000164213003'),
  /** 基本编码 of the 主项. */
  mainCode: z.string().regex(/^[0-9]{11}[0-9A-Z]$/, '主项编码应为12位，如 00016421300Y'),
  implementationCode: z.string().optional(),
  version: text,
  name: text,
  stage: z.number().int(),
  department: z.string().trim().min(1, '事项未填写实施部门'),
  itemType: z.enum(ITEM_TYPES),
  caseType: z.enum(CASE_TYPES),
  statutoryLimit: timeLimitSchema.nullable(),
  promisedLimit: timeLimitSchema,
  specialProcedures: z.array(z.strictObject({ name: text, limit: timeLimitSchema, note: z.string().optional() })),
  fee: z.strictObject({ charged: z.boolean(), basis: text, amount: z.string().optional() }),
  /** 告知承诺制 */
  commitment: z.boolean(),
  visits: z.number().int().min(0).max(3),
  online: z.enum(ONLINE_LEVELS),
  appliesWhen: conditionSchema.optional(),
  /** Offered only when the clerk adds it (e.g. utility connections). */
  onRequest: z.boolean().optional(),
  materials: z.array(requirementSchema),
  result: z.strictObject({
    type: z.enum(RESULT_TYPES),
    name: text,
    material: z.string().optional(),
    /** The form field the result's document number fills at later stages (建设用地规划许可证 → land.planningPermitNo). */
    numberField: fieldKey.optional(),
  }),
  guide: guideSchema,
});

export const materialSchema = z.strictObject({
  code,
  name: text,
  form: z.enum(MATERIAL_FORMS),
  medium: z.enum(MATERIAL_MEDIA),
  originals: z.number().int().min(0),
  copies: z.number().int().min(0),
  necessity: z.enum(NECESSITIES),
  when: z.string().optional(),
  channel: z.enum(CHANNELS),
  issuer: z.string().optional(),
  /** Whether an e-licence from the platform can stand in for the paper. */
  eLicence: z.boolean(),
  /** Form fields an e-licence of this material fills: field key → the key in the licence's data (营业执照 legalRepresentative → builder.legalRep.name). */
  eLicenceFields: z.record(fieldKey, z.string().min(1)).optional(),
  deficiencyAllowed: z.boolean(),
  /** null: stays valid until replaced. */
  validityMonths: z.number().int().positive().nullable(),
  holder: z.enum(HOLDER_ROLES),
  /** The items whose result this material is (立项文件 has three); it then counts as a material of later items. */
  issuedBy: z.array(z.string()).min(1).optional(),
  fromForm: z.boolean().optional(),
  spec: z.string().optional(),
});

export const fieldSchema = z.strictObject({
  key: fieldKey,
  label: text,
  type: z.enum(FIELD_TYPES),
  topic: z.string().min(1),
  unit: z.string().optional(),
  options: z.array(text).optional(),
  required: z.boolean(),
  requiredWhen: conditionSchema.optional(),
  showWhen: conditionSchema.optional(),
  validation: z
    .strictObject({
      min: z.number().optional(),
      max: z.number().optional(),
      positive: z.boolean().optional(),
      integer: z.boolean().optional(),
      maxLength: z.number().int().positive().optional(),
      pattern: z.string().optional(),
      patternMessage: z.string().optional(),
      notBefore: fieldKey.optional(),
    })
    .optional(),
  hint: z.string().optional(),
  items: z.array(z.string()),
});

export const catalogSchema = z.strictObject({
  format: z.literal(CATALOG_FORMAT),
  version: z.string().regex(/^\d{4}\.\d+(\.\d+)?$/, '目录版本应形如 2026.1'),
  title: text,
  /** True for the shipped default: each locality adapts it before use. */
  template: z.boolean(),
  note: text,
  locality: z.string().optional(),
  effectiveFrom: isoDate.optional(),
  departments: z.array(departmentSchema).min(1),
  stages: z.array(stageSchema).min(1),
  topics: z.array(topicSchema).min(1),
  items: z.array(itemSchema).min(1),
  materials: z.array(materialSchema),
  fields: z.array(fieldSchema),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogItem = Catalog['items'][number];
export type CatalogMaterial = Catalog['materials'][number];
export type CatalogField = Catalog['fields'][number];
export type CatalogStage = Catalog['stages'][number];
export type CatalogDepartment = Catalog['departments'][number];
export type MaterialRequirement = CatalogItem['materials'][number];
export type TimeLimit = z.infer<typeof timeLimitSchema>;
