import type { PreAcceptanceData } from '../acceptance/pre-acceptance';
import { CliError } from '../cli/command';
import { openForCli } from '../cli/store-access';
import { caseDocumentData } from './case-data';
import { preAcceptanceDocumentData, type PreAcceptanceRow } from './pre-acceptance-data';
import { isTemplateName } from './registry';

/**
 * `onewindow documents render <template> --case <number>`: reads the case from the workstation's
 * store (ONEWINDOW_DATA_DIR or the default data directory) beside a running workstation. A
 * number like GZ-20261201-0001 names a pre-acceptance record (一次性告知 / 不予受理) instead.
 */
export async function loadCaseDataFromStore(template: string, caseNumber: string): Promise<unknown> {
  if (!isTemplateName(template)) throw new CliError(`unknown template "${template}"`, 2);
  const ws = openForCli(undefined, { out: () => undefined, err: () => undefined, env: process.env });
  try {
    const record = ws.db
      .prepare('SELECT id, kind, number, created_on, created_by_name, data FROM pre_acceptance_records WHERE number = ?')
      .get(caseNumber) as (PreAcceptanceRow & { data: string }) | undefined;
    if (record) return preAcceptanceDocumentData(ws.db, ws.config(), template, record, JSON.parse(record.data) as PreAcceptanceData).data;
    return caseDocumentData(ws, template, { caseNumber }).data;
  } finally {
    ws.close();
  }
}
