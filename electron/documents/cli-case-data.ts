import { CliError } from '../cli/command';
import { openForCli } from '../cli/store-access';
import { caseDocumentData } from './case-data';
import { isTemplateName } from './registry';

/**
 * `onewindow documents render <template> --case <number>`: reads the case from the workstation's
 * store (ONEWINDOW_DATA_DIR or the default data directory) beside a running workstation.
 */
export async function loadCaseDataFromStore(template: string, caseNumber: string): Promise<unknown> {
  if (!isTemplateName(template)) throw new CliError(`unknown template "${template}"`, 2);
  const ws = openForCli(undefined, { out: () => undefined, err: () => undefined, env: process.env });
  try {
    return caseDocumentData(ws, template, { caseNumber }).data;
  } finally {
    ws.close();
  }
}
