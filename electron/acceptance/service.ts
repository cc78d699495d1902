/**
 * The acceptance flow's Node side: one place that knows the catalog version in use, composes a
 * stage's form with prefill and checklist, and (in submit.ts) accepts. Kept per workstation
 * because the catalog shelf is built once from the store, the resources and the platform feed.
 */
import type { z } from 'zod';
import type { acceptanceMethods, ComposeResult, DisplayUpdate, ProjectSummary } from '../../shared/api/acceptance';
import { CHECKLIST_STATUS_LABELS, DISPLAY_STEPS } from '../../shared/api/acceptance';
import { AppError } from '../../shared/api/errors';
import type { Catalog } from '../../shared/domain/catalog';
import { composeStageForm, plainValues, prefillStageForm, resultFieldValues } from '../../shared/domain/forms';
import type { IdCard } from '../../shared/domain/idcard/card';
import { maskName } from '../../shared/domain/identifiers';
import type { Actor } from '../cases/actor';
import { civilDateCst } from '../cases/case-time';
import type { BlobRef } from '../store/blobs';
import { AcceptanceCatalogs } from './catalog-versions';
import { catalogView, guideView } from './catalog-view';
import { withHallValues } from './hall-guide';
import { builderELicenceValues, builderELicences, computeChecklist, type ComputedChecklist } from './checklist-view';
import { countBlobPages } from './page-count';
import {
  earlierStageValues,
  findProjects,
  issuedResultsOf,
  prefillLayers,
  projectByCode,
  projectHoldings,
  projectSummary,
} from './project-record';
import { eLicencesForHolder } from '../sync/feed';
import type { AcceptanceHost, AcceptanceOptions, Composition, IdCardRoleInput, ScopeInput } from './composition';
import { submitStage } from './submit';
import { DEFAULT_MAX_UPLOAD_BYTES, storeUpload } from './upload';

type Input<M extends keyof typeof acceptanceMethods> = z.output<(typeof acceptanceMethods)[M]['input']>;

export type { AcceptanceHost, AcceptanceOptions, Composition, IdCardRoleInput, ScopeInput } from './composition';

export class AcceptanceService {
  readonly catalogs: AcceptanceCatalogs;
  private readonly maxUploadBytes: number;

  constructor(
    readonly host: AcceptanceHost,
    opts: AcceptanceOptions = {},
  ) {
    this.catalogs = new AcceptanceCatalogs({
      db: host.db,
      now: host.now,
      ...(opts.catalogDirectory !== undefined ? { directory: opts.catalogDirectory } : {}),
    });
    this.maxUploadBytes = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  today(): string {
    return civilDateCst(this.host.now());
  }

  catalogFor(version: string | undefined): Catalog {
    return version === undefined ? this.catalogs.current() : this.catalogs.get(version);
  }

  /** The catalog an accepted application was accepted under, whatever is current now. */
  applicationCatalog(applicationId: string): Catalog {
    const row = this.host.db.prepare('SELECT catalog_version FROM stage_applications WHERE id = ?').get(applicationId) as
      { catalog_version: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到该申请，请核对后重试');
    return this.catalogs.get(row.catalog_version);
  }

  catalogView(version?: string) {
    return catalogView(this.catalogFor(version), this.catalogs.versions());
  }

  guide(itemCode: string, version?: string) {
    return withHallValues(guideView(this.catalogFor(version), itemCode), this.host.config());
  }

  findProjects(query: string): ProjectSummary[] {
    return findProjects(this.host.db, query);
  }

  /** The card just read fills the 经办人, or the legal representative applying in person. */
  private cardFor(role: IdCardRoleInput): { idCard?: IdCard; idCardRole?: string } {
    if (role === undefined) return {};
    const card = this.host.idcard.lastCard();
    if (!card) return {};
    return { idCard: card, idCardRole: role === 'agent' ? 'agent' : 'builder.legalRep' };
  }

  composition(scope: ScopeInput, idCardRole: IdCardRoleInput, typedCode?: string): Composition {
    const catalog = this.catalogs.current();
    const form = composeStageForm(catalog, {
      stage: scope.stage,
      projectType: scope.projectType,
      landSource: scope.landSource,
      specialWorks: scope.specialWorks,
      addItems: scope.addItems,
      dropItems: scope.dropItems,
      extraCertificateTypes: this.host.config().certificateTypes,
    });
    const code = typedCode ?? scope.projectCode;
    const project = code ? projectByCode(this.host.db, code) : undefined;
    const layers = prefillLayers(project, code);
    const builderUscc = typeof layers.parties?.builder?.uscc === 'string' ? layers.parties.builder.uscc : undefined;
    const prefilled = prefillStageForm(form, {
      ...layers,
      ...this.cardFor(idCardRole),
      earlierStages: project ? earlierStageValues(this.host.db, project.id) : [],
      issuedResults: project ? resultFieldValues(catalog, issuedResultsOf(this.host.db, project.id)) : [],
      eLicences: builderELicenceValues(this.host.db, catalog, builderUscc),
    });
    return { catalog, form, project, prefilled, today: this.today() };
  }

  checklistOf(c: Composition, values: Record<string, unknown>, rejected: readonly string[]): ComputedChecklist {
    const catalogOf = (version: string): Catalog | undefined => (this.catalogs.shelf.has(version) ? this.catalogs.get(version) : undefined);
    const builderUscc = typeof values['builder.uscc'] === 'string' ? values['builder.uscc'] : (c.project?.builder_uscc ?? undefined);
    return computeChecklist({
      catalog: c.catalog,
      itemCodes: c.form.items.map((i) => i.code),
      held: c.project ? projectHoldings(this.host.db, c.project.id, catalogOf) : [],
      eLicences: builderELicences(this.host.db, c.catalog, builderUscc),
      today: c.today,
      rejected,
      // Conditional materials see what decided the items even before the clerk types anything.
      values: { ...c.form.context, ...values },
    });
  }

  compose(input: Input<'acceptance.compose'>): ComposeResult {
    const c = this.composition(input, input.idCardRole);
    const checklist = this.checklistOf(c, plainValues(c.prefilled), []);
    const summary = c.project ? projectSummary(this.host.db, c.project.code) : null;
    return {
      catalogVersion: c.catalog.version,
      today: c.today,
      form: c.form,
      values: c.prefilled,
      checklist: checklist.views,
      project: summary,
      alreadyAccepted: summary?.stagesAccepted.includes(input.stage) ?? false,
    };
  }

  checklist(input: Input<'acceptance.checklist'>) {
    const c = this.composition(input, undefined);
    const values = { ...plainValues(c.prefilled), ...input.values };
    return this.checklistOf(c, values, input.rejected).views;
  }

  /** What the e-licence cache holds for a holder now, as the clerk reads it. */
  heldELicences(uscc: string): string[] {
    return eLicencesForHolder(this.host.db, uscc).map((e) => e.licenceType);
  }

  /** The form fields the holder's e-licences fill (营业执照 → 建设单位名称, 法定代表人). */
  eLicenceFields(uscc: string): Record<string, string> {
    const values = builderELicenceValues(this.host.db, this.catalogs.current(), uscc);
    return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  /** Stores the file and counts its pages, so the clerk sees the count before confirming it. */
  upload(input: Input<'acceptance.uploadMaterial'>): BlobRef & { pages?: number } {
    // A 补正 notice may name a material the catalog lacks (BZ-01…, see CorrectionDialog); its paper is uploaded when supplied.
    if (!this.catalogs.current().materials.some((m) => m.code === input.materialCode) && !/^BZ-\d{2}$/.test(input.materialCode)) {
      throw new AppError('VALIDATION', `材料代码 ${input.materialCode} 不在事项目录中，请刷新后重试`);
    }
    const ref = storeUpload(this.host.blobs, input, this.maxUploadBytes);
    const pages = countBlobPages(this.host.blobs, [ref.sha256]);
    return pages === undefined ? ref : { ...ref, pages };
  }

  submit(input: Input<'acceptance.submit'>, actor: Actor) {
    return submitStage(this, input, actor);
  }

  /** The applicant sees a masked name, the checklist with what is reused, and where we are. */
  display(input: Input<'acceptance.display'>): void {
    const catalog = this.catalogs.current();
    const stage = input.stage === undefined ? undefined : catalog.stages.find((s) => s.no === input.stage);
    const payload: DisplayUpdate = {
      applicantName: input.applicantName ? maskName(input.applicantName) : null,
      projectName: input.projectName ?? null,
      stage: stage?.no ?? null,
      stageName: stage?.name ?? null,
      items: input.items.map((code) => catalog.items.find((i) => i.code === code)?.name ?? code),
      step: input.step,
      progress: { done: DISPLAY_STEPS.indexOf(input.step) + 1, of: DISPLAY_STEPS.length },
      checklist: input.checklist.map((l) => ({
        name: catalog.materials.find((m) => m.code === l.code)?.name ?? l.code,
        status: l.status,
        statusLabel: CHECKLIST_STATUS_LABELS[l.status],
        from: l.from,
      })),
      caseNumbers: input.caseNumbers,
    };
    this.host.bus.emit('display.update', payload);
  }

  clearDisplay(): void {
    this.host.bus.emit('display.clear', {});
  }
}
