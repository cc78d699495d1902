import { z } from 'zod';
import { checkPhone, checkProjectCode, checkUscc } from '../../shared/domain/identifiers';

/**
 * Plain data each template renders from. The lead maps stored cases onto these shapes; the
 * limits are the longest values the catalog and the case forms accept, and the layouts are
 * tested with exactly these lengths.
 */
export const LIMITS = {
  partyName: 60,
  projectName: 60,
  address: 100,
  itemName: 60,
  materialName: 80,
  materials: 60,
  note: 200,
  reason: 300,
  personName: 30,
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);

const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: '时间格式应为 YYYY-MM-DDTHH:mm' });

/** Code 128 carries it, and clerks type it into the search box: ASCII only. */
const caseNumber = z.string().regex(/^[0-9A-Za-z-]{4,40}$/, { error: '办件编号应为4至40位数字、字母或连字符' });

const phone = z.string().refine((v) => checkPhone(v).ok, { error: '电话号码应为11位手机号或带区号的固定电话' });
const projectCode = z.string().refine((v) => checkProjectCode(v).ok, { error: '项目代码格式应为 年份-6位区划-2位-2位-6位流水号' });
// A failing check character only warns (real registers hold such codes); the shape must hold.
const creditCode = z.string().refine((v) => checkUscc(v).ok, { error: '统一社会信用代码应为18位数字或大写字母' });

/** Identity of the document itself: what the barcodes carry and what the seal certifies. */
export const documentRefSchema = z.object({
  /** 文号, e.g. 西审受〔2025〕0123号. */
  documentNumber: text(40),
  caseNumber,
  /** Encoded in the QR code; the platform resolves it to the sealed original. */
  verificationRef: text(300),
  issuedOn: isoDate,
  /** The issuing body, as on its seal. */
  agency: text(60),
});

export const applicantSchema = z.object({
  name: text(LIMITS.partyName),
  creditCode: creditCode.optional(),
  contact: text(LIMITS.personName).optional(),
  phone: phone.optional(),
  address: text(LIMITS.address).optional(),
});

export const projectSchema = z.object({
  code: projectCode,
  name: text(LIMITS.projectName),
  address: text(LIMITS.address),
});

export const windowSchema = z.object({
  /** e.g. 综合受理窗口 3 号. */
  window: text(40),
  clerk: text(LIMITS.personName),
  /** A telephone number, or the 12345 government service hotline until IT sets the window's own. */
  phone: z.union([z.literal('12345'), phone]),
});

export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子件'] as const;

export const receivedMaterialSchema = z.object({
  name: text(LIMITS.materialName),
  form: z.enum(MATERIAL_FORMS),
  /** Absent when the counter did not record it: printed as "—", never as a made-up 0. */
  originals: z.number().int().min(0).max(99).optional(),
  copies: z.number().int().min(0).max(99).optional(),
  pages: z.number().int().min(1).max(9999).optional(),
  note: text(60).optional(),
});

export const itemCaseSchema = z.object({
  name: text(LIMITS.itemName),
  caseNumber,
  department: text(40),
  /** Promised limit in working days (承诺办结时限). */
  promisedDays: z.number().int().min(0).max(365),
  dueDate: isoDate,
  /** The due date rests on a year whose holiday arrangement is unpublished: printed 暂估. */
  dueEstimated: z.boolean().optional(),
});

export const deficiencySchema = z.object({
  material: text(LIMITS.materialName),
  problem: text(LIMITS.reason),
  /** What to bring and in which form, e.g. 原件1份、复印件2份（加盖公章）. */
  requirement: text(LIMITS.reason),
});

export const remediesSchema = z.object({
  /** Body for 行政复议 (60 days). */
  reconsiderationBody: text(60),
  /** Court for 行政诉讼 (6 months). */
  court: text(60),
});

const materials = z.array(receivedMaterialSchema).min(1).max(LIMITS.materials);
const deficiencies = z.array(deficiencySchema).min(1).max(LIMITS.materials);

export const acceptanceNoticeSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema,
  receivedOn: isoDate,
  items: z.array(itemCaseSchema).min(1).max(20),
  materials,
  counter: windowSchema,
});

export const correctionNoticeSchema = z.object({
  ref: documentRefSchema,
  /** 一次性告知书 on the spot; 补正材料通知书 after examination. */
  variant: z.enum(['one-time', 'correction']),
  applicant: applicantSchema,
  project: projectSchema.optional(),
  itemName: text(LIMITS.itemName),
  receivedOn: isoDate,
  deficiencies,
  supplyBy: isoDate,
  counter: windowSchema,
  /** Where and when to bring the materials (the item's 办事指南: 办理地点, 办理时间). */
  bringTo: text(200).optional(),
});

export const rejectionNoticeSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema.optional(),
  itemName: text(LIMITS.itemName),
  receivedOn: isoDate,
  reasons: z.array(text(LIMITS.reason)).min(1).max(10),
  /** e.g. 《中华人民共和国行政许可法》第三十二条第一款第（一）项. */
  legalBasis: text(LIMITS.reason),
  remedies: remediesSchema,
  counter: windowSchema,
});

export const deficiencyNoticeSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema,
  receivedOn: isoDate,
  items: z.array(itemCaseSchema).min(1).max(20),
  deficiencies,
  supplyBy: isoDate,
  counter: windowSchema,
  /** The applicant's 容缺受理承诺书, printed on its own page for signature. */
  commitment: z.object({
    signatory: text(LIMITS.personName),
    signedOn: isoDate,
    /** The applicant's own words of commitment as typed at acceptance. */
    statement: text(500).optional(),
  }),
});

export const materialReceiptSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema.optional(),
  itemNames: z.array(text(LIMITS.itemName)).min(1).max(20),
  receivedAt: isoDateTime,
  /** The person who handed the materials over. */
  submittedBy: text(LIMITS.personName),
  materials,
  counter: windowSchema,
});

export const leaderSignatureSchema = z.object({
  name: text(LIMITS.personName),
  title: text(30),
  signedAt: isoDateTime,
  /** Handwritten signature captured on the pad, PNG in base64. */
  signaturePng: z.base64().max(2_000_000).optional(),
  /** SM2-with-SM3 (OID 1.2.156.10197.1.501) signature over the decision. */
  sm2: z.object({
    /** Reference of the stored signature (its id or SM3 digest), as the platform verifies it. */
    signatureRef: text(200),
    certificateSerial: text(64).optional(),
  }),
});

export const approvalDecisionSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema,
  itemName: text(LIMITS.itemName),
  receivedOn: isoDate,
  acceptedOn: isoDate,
  /** The operative paragraphs of the decision. */
  decision: z.array(text(1000)).min(1).max(10),
  legalBasis: text(LIMITS.reason),
  /** The licence or approval issued with the decision, if any. */
  result: text(100).optional(),
  remedies: remediesSchema,
  leader: leaderSignatureSchema,
});

/** 不予许可决定书 (行政许可法 §38 II): signed by the leader like the approval. */
export const denialDecisionSchema = z.object({
  ref: documentRefSchema,
  applicant: applicantSchema,
  project: projectSchema,
  itemName: text(LIMITS.itemName),
  receivedOn: isoDate,
  acceptedOn: isoDate,
  reasons: z.array(text(1000)).min(1).max(10),
  legalBasis: text(LIMITS.reason),
  remedies: remediesSchema,
  leader: leaderSignatureSchema,
});

/** A licence (catalog result type 许可证) other than the 施工许可证, which has its national model. */
export const licenceSchema = z.object({
  ref: documentRefSchema,
  /** The catalog's result name, e.g. 建设工程规划许可证. */
  title: text(40),
  licenceNumber: z.string().regex(/^[0-9A-Za-z-]{6,40}$/, { error: '证书编号应为6至40位数字、字母或连字符' }),
  holder: text(LIMITS.partyName),
  creditCode: creditCode.optional(),
  project: projectSchema,
  itemName: text(LIMITS.itemName),
  /** What the licence covers, from the case's form (label, value). */
  particulars: z.array(z.tuple([text(20), text(LIMITS.address)])).max(20),
  legalBasis: text(LIMITS.reason),
  leader: leaderSignatureSchema,
});

export const constructionPermitSchema = z.object({
  ref: documentRefSchema,
  /** 编号 printed on the permit (18 digits under the 2014 model). */
  permitNumber: z.string().regex(/^[0-9A-Za-z-]{6,30}$/, { error: '施工许可证编号应为6至30位数字或字母' }),
  projectCode,
  builder: text(LIMITS.partyName),
  projectName: text(LIMITS.projectName),
  address: text(LIMITS.address),
  /** 建设规模, e.g. 总建筑面积 52,340 平方米. */
  scale: text(100),
  /** 合同价格 in 万元, kept as text: it is printed, not computed. */
  contractPrice: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, { error: '合同价格应为以万元计的数字' }),
  surveyor: text(LIMITS.partyName),
  designer: text(LIMITS.partyName),
  contractor: text(LIMITS.partyName),
  supervisor: text(LIMITS.partyName),
  surveyorLead: text(LIMITS.personName),
  designerLead: text(LIMITS.personName),
  contractorLead: text(LIMITS.personName),
  chiefSupervisor: text(LIMITS.personName),
  /** 合同工期 in calendar days. */
  contractDays: z.number().int().min(1).max(3650),
  note: text(LIMITS.note).optional(),
});

export type DocumentRef = z.infer<typeof documentRefSchema>;
export type Applicant = z.infer<typeof applicantSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Counter = z.infer<typeof windowSchema>;
export type ReceivedMaterial = z.infer<typeof receivedMaterialSchema>;
export type ItemCase = z.infer<typeof itemCaseSchema>;
export type Deficiency = z.infer<typeof deficiencySchema>;
export type Remedies = z.infer<typeof remediesSchema>;
export type AcceptanceNotice = z.infer<typeof acceptanceNoticeSchema>;
export type CorrectionNotice = z.infer<typeof correctionNoticeSchema>;
export type RejectionNotice = z.infer<typeof rejectionNoticeSchema>;
export type DeficiencyNotice = z.infer<typeof deficiencyNoticeSchema>;
export type MaterialReceipt = z.infer<typeof materialReceiptSchema>;
export type LeaderSignature = z.infer<typeof leaderSignatureSchema>;
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;
export type ConstructionPermit = z.infer<typeof constructionPermitSchema>;
export type DenialDecision = z.infer<typeof denialDecisionSchema>;
export type Licence = z.infer<typeof licenceSchema>;
