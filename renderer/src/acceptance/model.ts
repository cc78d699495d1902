/**
 * The acceptance flow's state in the renderer: what the clerk chose, typed and attached. The
 * Node side decides everything else again on submit; this is only what to show and send.
 */
import type { ChecklistLineView, ComposeResult, IdCardRole, ProjectSummary, SubmitResult } from '../../../shared/api/acceptance';
import type { LandSource, ProjectType } from '../../../shared/domain/catalog';
import type { FieldSource, PrefilledForm } from '../../../shared/domain/forms';
import type { IdCard } from '../../../shared/domain/idcard/card';
import { cardPersonValues } from '../../../shared/domain/idcard/card-person';

export const STEPS = ['project', 'stage', 'form', 'materials', 'review', 'done'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_TITLES: Record<Step, string> = {
  project: '项目',
  stage: '阶段与事项',
  form: '申请表',
  materials: '材料',
  review: '核对受理',
  done: '完成',
};

export interface Scope {
  stage: number;
  projectCode?: string;
  projectType: ProjectType;
  landSource: LandSource;
  specialWorks: string[];
  addItems: string[];
  dropItems: string[];
}

export interface Attachment {
  sha256: string;
  size: number;
  mime: string;
  fileName: string;
  /** Counted on the Node side (scan, camera, uploaded PDF); absent when it could not be counted. */
  pages?: number;
}

export interface AcceptanceState {
  step: Step;
  project: ProjectSummary | null;
  /** A 项目代码 typed for a project the window has not seen. */
  newProjectCode: string | null;
  scope: Scope | null;
  composed: ComposeResult | null;
  values: PrefilledForm;
  idCardRole: IdCardRole;
  checklist: ChecklistLineView[];
  attachments: Record<string, Attachment[]>;
  rejected: string[];
  /** Originals/copies/pages the clerk changed, per material code (the rest come from the guide and the files). */
  counts: Record<string, Partial<{ originals: number; copies: number; pages: number }>>;
  draftId: string | null;
  result: SubmitResult | null;
  /** What the e-licence look-up by the builder's USCC said; undefined until asked. */
  elicenceMessage?: string;
}

export const INITIAL_STATE: AcceptanceState = {
  step: 'project',
  project: null,
  newProjectCode: null,
  scope: null,
  composed: null,
  values: {},
  idCardRole: 'agent',
  checklist: [],
  attachments: {},
  rejected: [],
  counts: {},
  draftId: null,
  result: null,
};

export function sourceLabel(source: FieldSource): string {
  if (source.startsWith('stage:')) return `第${source.slice('stage:'.length)}阶段`;
  if (source.startsWith('result:')) return `第${source.slice('result:'.length)}阶段核发`;
  switch (source) {
    case 'project':
      return '项目';
    case 'party':
      return '单位';
    case 'idcard':
      return '身份证';
    case 'e-licence':
      return '电子证照';
    case 'clerk':
      return '手工';
    default:
      return '';
  }
}

export const SOURCE_COLORS: Record<string, string> = { 项目: 'blue', 单位: 'geekblue', 身份证: 'green', 电子证照: 'cyan', 手工: 'orange' };

/** Prefilled from an issued result: shown in the issuing stage's colour family. */
export function sourceColor(label: string): string {
  return SOURCE_COLORS[label] ?? (label.endsWith('核发') ? 'gold' : 'cyan');
}

/** A card read fills the person fields of the chosen role, marked as coming from the card. */
export function applyCard(values: PrefilledForm, card: IdCard, role: IdCardRole): PrefilledForm {
  const keys: Record<string, string> =
    role === 'agent' ? Object.fromEntries(cardPersonValues(card, 'agent')) : { 'builder.legalRep.name': card.name };
  const next: PrefilledForm = { ...values };
  for (const [key, value] of Object.entries(keys)) {
    // Only fields this form has: a stage without the field must not grow one.
    if (!(key in next)) continue;
    next[key] = { value, source: 'idcard' };
  }
  return next;
}

export function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('文件读取失败，请重新选择'));
    reader.readAsDataURL(file);
  });
}

/** Materials the applicant still has to bring before a normal acceptance. */
export function outstanding(state: Pick<AcceptanceState, 'checklist' | 'attachments'>): ChecklistLineView[] {
  return state.checklist.filter(
    (l) =>
      (l.status === 'to-collect' || l.status === 'deficiency-allowed') &&
      l.required &&
      !l.fromForm &&
      (state.attachments[l.code]?.length ?? 0) === 0,
  );
}
