/**
 * The acceptance service's shapes, apart from the service so that its helpers (submit.ts) can
 * name what they use without importing the service that imports them.
 */
import type { z } from 'zod';
import type { acceptanceMethods } from '../../shared/api/acceptance';
import type { Catalog } from '../../shared/domain/catalog';
import type { PrefilledForm, StageForm } from '../../shared/domain/forms';
import type { IdCard } from '../../shared/domain/idcard/card';
import type { CaseHost } from '../cases/case-host';
import type { BlobStore } from '../store/blobs';
import type { ComputedChecklist } from './checklist-view';
import type { ProjectRow } from './project-record';

type Input<M extends keyof typeof acceptanceMethods> = z.output<(typeof acceptanceMethods)[M]['input']>;
export type ScopeInput = Pick<
  Input<'acceptance.compose'>,
  'stage' | 'projectCode' | 'projectType' | 'landSource' | 'specialWorks' | 'addItems' | 'dropItems'
>;
export type IdCardRoleInput = Input<'acceptance.compose'>['idCardRole'];

/** What the service needs from the workstation; a real one in tests and benchmarks. */
export type AcceptanceHost = CaseHost & { blobs: BlobStore; idcard: { lastCard(): IdCard | null } };

export interface AcceptanceOptions {
  /** resources/catalog; default: found the usual way. */
  catalogDirectory?: string;
  maxUploadBytes?: number;
}

/** Everything composed for one stage of one project, shared by compose, checklist and submit. */
export interface Composition {
  catalog: Catalog;
  form: StageForm;
  project: ProjectRow | undefined;
  prefilled: PrefilledForm;
  today: string;
}

/** What submitting a stage uses of the acceptance service. */
export interface StageComposer {
  readonly host: AcceptanceHost;
  composition(scope: ScopeInput, idCardRole: IdCardRoleInput, typedCode?: string): Composition;
  checklistOf(c: Composition, values: Record<string, unknown>, rejected: readonly string[]): ComputedChecklist;
}
