/**
 * The legal wording of the counter's documents, as data (resources/documents/wording.json) so
 * a hall adapts it without code. Checked like the catalog: a strict shape, the {placeholders}
 * each text may use (and must use), and phrases a text must never contain — the 容缺 notice
 * must never say 材料齐全, the statement the issue found falsely printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { resourcesDir } from './resources';
import { issueDetails } from '../../shared/api/issues';

const text = z.string().trim().min(1, '不能为空').max(1000, '最多1000字');

export const wordingSchema = z.strictObject({
  version: z.string().trim().min(1, '请填写版本'),
  note: z.string().optional(),
  remedies: text,
  acceptanceNotice: z.strictObject({ title: text, body: text, legalBasis: text, closing: text }),
  deficiencyNotice: z.strictObject({
    title: text,
    body: text,
    supply: text,
    commitmentTitle: text,
    commitmentIntro: text,
    commitments: z.array(text).min(1, '至少一条承诺').max(10),
  }),
  correctionNotice: z.strictObject({
    oneTimeTitle: text,
    correctionTitle: text,
    body: text,
    legalBasis: text,
    oneTimeSupply: text,
    correctionSupply: text,
    fiveDayRule: text,
    bringTo: text,
  }),
  rejectionNotice: z.strictObject({
    title: text,
    body: text,
    decision: text,
    legalBasis: z.strictObject({ notCompetent: text, noLicenceNeeded: text, other: text }),
  }),
  materialReceipt: z.strictObject({ title: text, disclaimer: text }),
  approvalDecision: z.strictObject({ title: text, body: text, legalBasis: text }),
  denialDecision: z.strictObject({ title: text, body: text, decision: text, legalBasis: text }),
  licence: z.strictObject({ body: text }),
});
export type DocumentWording = z.infer<typeof wordingSchema>;

/** Per text path: the placeholders it may use; those marked `!` it must use. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  remedies: ['document!', 'reconsiderationBody!', 'court!'],
  'acceptanceNotice.body': ['receivedOn!', 'legalBasis!'],
  'deficiencyNotice.body': ['receivedOn!'],
  'deficiencyNotice.supply': ['supplyBy!'],
  'deficiencyNotice.commitmentIntro': ['applicant!', 'items!', 'projectName'],
  'deficiencyNotice.commitments': ['supplyBy'],
  'correctionNotice.body': ['receivedOn!', 'itemName!', 'project', 'legalBasis!'],
  'correctionNotice.correctionSupply': ['supplyBy!'],
  'correctionNotice.bringTo': ['bringTo!'],
  'rejectionNotice.body': ['receivedOn!', 'itemName!', 'project'],
  'rejectionNotice.decision': ['legalBasis!'],
  'approvalDecision.body': ['receivedOn!', 'itemName!', 'projectName!', 'projectCode!', 'projectAddress!', 'acceptedOn!', 'legalBasis!'],
  'denialDecision.body': ['receivedOn!', 'itemName!', 'projectName!', 'projectCode!', 'projectAddress!', 'acceptedOn!'],
  'denialDecision.decision': ['legalBasis!'],
  'licence.body': ['legalBasis!', 'itemName!'],
};

/** Phrases that would make a document state something false. */
const FORBIDDEN: Record<string, readonly string[]> = {
  deficiencyNotice: ['材料齐全'],
};

/** What a check found, with the JSON path, in words for the hall's administrator. */
export interface WordingProblem {
  path: string;
  message: string;
}

function strings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
}

/** Every problem of a wording file at once, like `catalog check`. */
export function checkWording(raw: unknown): { wording?: DocumentWording; problems: WordingProblem[] } {
  const parsed = wordingSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    return { problems: issueDetails(parsed.error, 'file') };
  }
  const problems: WordingProblem[] = [];
  const all: { path: string; text: string }[] = [];
  strings(parsed.data, '', all);
  for (const { path, text: t } of all) {
    if (path === 'note' || path === 'version') continue;
    const key = path.replace(/\[\d+\]$/, '');
    const used = new Set([...t.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!));
    const allowed = PLACEHOLDERS[key] ?? [];
    const names = new Set(allowed.map((a) => a.replace('!', '')));
    for (const u of used)
      if (!names.has(u))
        problems.push({
          path,
          message: `占位符 {${u}} 在此处不可用${names.size ? `，可用：${[...names].map((n) => `{${n}}`).join('、')}` : '（此处不能使用占位符）'}`,
        });
    for (const a of allowed)
      if (a.endsWith('!') && !used.has(a.slice(0, -1))) problems.push({ path, message: `缺少占位符 {${a.slice(0, -1)}}：文书须写明该项` });
    if (/[{}]/.test(t.replace(/\{[A-Za-z]+\}/g, ''))) problems.push({ path, message: '花括号不成对，占位符应写作 {名称}' });
    for (const [prefix, phrases] of Object.entries(FORBIDDEN)) {
      if (path !== prefix && !path.startsWith(prefix + '.')) continue;
      for (const p of phrases)
        if (t.includes(p)) problems.push({ path, message: `不得出现“${p}”：容缺受理时材料并不齐全，写明将构成虚假陈述` });
    }
  }
  const five = parsed.data.correctionNotice.fiveDayRule;
  if (!/五日|5日|五个工作日|5个工作日/.test(five))
    problems.push({ path: 'correctionNotice.fiveDayRule', message: '须写明行政许可法第三十二条“五日内一次告知”的规定' });
  if (!parsed.data.correctionNotice.legalBasis.includes('第三十二条'))
    problems.push({ path: 'correctionNotice.legalBasis', message: '一次性告知的依据应为行政许可法第三十二条' });
  if (!parsed.data.denialDecision.legalBasis.includes('第三十八条'))
    problems.push({ path: 'denialDecision.legalBasis', message: '不予许可决定的依据应为行政许可法第三十八条' });
  return problems.length ? { problems } : { wording: parsed.data, problems };
}

/** Fills {placeholders}; a value missing here is a programming error, caught by the tests. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

export const WORDING_FILE = join('documents', 'wording.json');

let cached: DocumentWording | undefined;

/** Read and checked once per process; a broken file stops documents with a message for IT. */
export function documentWording(dir: string = resourcesDir()): DocumentWording {
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, WORDING_FILE), 'utf8'));
  } catch (e) {
    throw new AppError('INTERNAL', '文书措辞文件缺失或不是有效的JSON，请联系信息技术人员运行“documents check”检查', [
      { path: 'resources/' + WORDING_FILE, message: String(e) },
    ]);
  }
  const r = checkWording(raw);
  if (!r.wording) throw new AppError('INTERNAL', '文书措辞文件有误，请联系信息技术人员运行“documents check”检查', r.problems);
  cached = r.wording;
  return cached;
}

/** Tests and `documents check` load another file. */
export function resetWordingCache(): void {
  cached = undefined;
}
