import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistLineView, ComposeResult, SubmitResult } from '../../../shared/api/acceptance';
import type { HallStatusView } from '../../../shared/api/hall';
import type { WindowAssignment } from '../../../shared/protocol/enrolment';
import { issueEnrolmentCode } from '../../../hall/core/enrolment';
import { startHall, type HallServer } from '../../../hall/server';
import { openHallDatabase } from '../../../hall/store/open';
import type { Sql } from '../../../hall/store/sql';
import { ENGINES } from '../../../hall/test/helpers';
import { elicenceNumber, until } from './support';
import { eLicencesForHolder } from '../../../electron/sync/feed';
import { builderELicences } from '../../../electron/acceptance/checklist-view';
import { loadCatalog } from '../../../electron/catalog/load';
import { BUILDER_USCC, PROJECT_CODE, SCOPE, fillAsClerk, pdfBase64 } from '../../unit/acceptance/standard-project';
import { startLifecycleHost, type LifecycleHost } from '../lifecycle/fixtures';

const PAYLOAD = ['11100000', '37110000', '2026000002', '001'];
const LICENCE = elicenceNumber(PAYLOAD);

/**
 * An e-licence issued at one window of the hall is offered by the stage-2 checklist at another:
 * the hall files it under the item's name (建设用地规划许可证核发), the catalog's line is the
 * material 建设用地规划许可证 — the window types it as the catalog does. Real hall (PGlite, and
 * PostgreSQL with ONEWINDOW_TEST_PG), two real workstations, the default catalog.
 */
describe.each(ENGINES)('hall e-licences at stage 2 on $name', (engine) => {
  let sql: Sql;
  let hall: HallServer;
  let drop: () => Promise<void> = () => Promise.resolve();
  let a: LifecycleHost;
  let d: LifecycleHost;

  async function enrol(t: LifecycleHost, as: WindowAssignment): Promise<void> {
    const code = await issueEnrolmentCode(sql, as, new Date());
    await t.ok<HallStatusView>('admin', 'hall.enrol', { url: hall.url, code });
    await t.ws.sync.apply(t.ws.config());
  }

  beforeAll(async () => {
    const db = await engine.database();
    drop = db.drop;
    sql = await openHallDatabase(db.url);
    hall = await startHall({ sql, hall: { hallName: '日照市政务服务中心', hallCode: 'RZ' }, port: 0 });
    [a, d] = await Promise.all([startLifecycleHost(), startLifecycleHost()]);
    await enrol(a, { windowName: '3号窗口', role: 'counter', department: null });
    await enrol(d, { windowName: '12号窗口', role: 'counter', department: null });
  }, 180_000);
  afterAll(async () => {
    for (const t of [a, d]) {
      await t?.ws.sync.stop();
      await t?.close();
    }
    await hall?.close();
    await sql?.close();
    await drop();
  });

  it('the land-use planning permit issued at window 3 fills the catalog’s e-licence line at window 12', async () => {
    const scope = { stage: 1, projectCode: PROJECT_CODE, ...SCOPE };
    const composed = await a.ok<ComposeResult>('clerk', 'acceptance.compose', { ...scope, idCardRole: 'agent' });
    const { values } = fillAsClerk(composed);
    const lines = await a.ok<ChecklistLineView[]>('clerk', 'acceptance.checklist', { ...scope, values, rejected: [] });
    const materials: { code: string; blobRefs: string[] }[] = [];
    for (const line of lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && l.required && !l.fromForm)) {
      const ref = await a.ok<{ sha256: string }>('clerk', 'acceptance.uploadMaterial', {
        materialCode: line.code,
        fileName: `${line.code}.pdf`,
        mime: 'application/pdf',
        dataBase64: pdfBase64(line.code),
      });
      materials.push({ code: line.code, blobRefs: [ref.sha256] });
    }
    const result = await a.ok<SubmitResult>('clerk', 'acceptance.submit', {
      ...scope,
      catalogVersion: composed.catalogVersion,
      values,
      materials,
      mode: 'accept',
    });
    const permit = result.cases.find((c) => c.itemName === '建设用地规划许可证核发')!;
    await a.approveInDepartment(permit.id);
    await a.ok('clerk', 'cases.issue', { caseId: permit.id, documentNumber: '地字第370000202600001号', elicenceId: LICENCE });
    await until('A drained', () => {
      const s = a.ws.sync.status();
      return s.queued === 0 && s.sending === 0 ? true : undefined;
    });
    // The hall files it by the item's name; that is not a catalog e-licence type.
    const [filed] = await sql.query<{ licence_type: string }>('SELECT licence_type FROM elicences WHERE identifier = $1', [LICENCE]);
    expect(filed?.licence_type).toBe('建设用地规划许可证核发');

    await d.ok('clerk', 'hall.pullProject', { projectCode: PROJECT_CODE });
    const kept = await until('the licence at D', () => eLicencesForHolder(d.ws.db, BUILDER_USCC).find((l) => l.identifier === LICENCE));
    expect(kept.licenceType).toBe('建设用地规划许可证');

    // What the stage checklist is fed with: the licence now stands for the catalog's material.
    const catalog = loadCatalog();
    expect(builderELicences(d.ws.db, catalog, BUILDER_USCC)).toContainEqual({
      holding: { material: 'land-use-planning-permit', licenceId: LICENCE, holder: BUILDER_USCC },
      label: '电子证照（建设用地规划许可证）',
    });
    // Stage 2 at D: the line is filled (the issued result itself, replicated, takes precedence over its e-licence).
    const scope2 = { stage: 2, projectCode: PROJECT_CODE, ...SCOPE };
    const composed2 = await d.ok<ComposeResult>('clerk', 'acceptance.compose', { ...scope2, idCardRole: 'agent' });
    expect(composed2.checklist.find((l) => l.code === 'land-use-planning-permit')?.status).toBe('reused');
  });
});
