/** The case lifecycle after acceptance: commands, queries and the system's own sweeps. */
export { acceptStageApplication } from './accept';
export { actorOf, type Actor } from './actor';
export { CaseCalendar } from './case-calendar';
export { caseDetail, revealIdNumber } from './case-detail';
export { correctParties } from './correct-parties';
export { addPlatformBlock, allocateCaseNumber, localPrefix } from './case-numbers';
export type { CaseHost } from './case-host';
export { sweepDeficiencies } from './deficiency-sweep';
export { deleteDraft, listDrafts, loadDraft, saveDraft } from './drafts';
export * from './ratings';
export { hallStatistics } from './statistics';
export { exportStatistics } from './statistics-export';
export { supervisionBoard } from './supervision-board';
export * from './transitions';
