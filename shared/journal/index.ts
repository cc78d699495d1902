export * from './events';
export type { CaseStepType } from './case-lifecycle';
