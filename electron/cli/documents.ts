import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { isTemplateName, renderDocument, sampleData, TEMPLATE_NAMES, templates } from '../documents';
import { CliError, type CliCommand } from './command';

export interface DocumentCommandDeps {
  /** Maps a stored case onto the template's data; absent when no store is available. */
  loadCaseData?: (template: string, caseNumber: string) => Promise<unknown>;
}

const USAGE = `onewindow documents render <template> (--case <case-number> | --sample) --out <file.pdf>
  templates: ${TEMPLATE_NAMES.join(', ')}`;

export function createDocumentCommands(deps: DocumentCommandDeps = {}): CliCommand[] {
  const render: CliCommand = {
    path: ['documents', 'render'],
    summary: '按已存办件或样例数据生成通知书、凭证或许可证 PDF',
    usage: USAGE,
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { case: { type: 'string' }, sample: { type: 'boolean' }, out: { type: 'string' } },
      });
      const name = positionals[0];
      if (!name || !isTemplateName(name)) throw new CliError(`unknown template "${name ?? ''}"; one of: ${TEMPLATE_NAMES.join(', ')}`, 2);
      if (!values.out) throw new CliError('--out <file.pdf> is required', 2);
      if (!!values.case === !!values.sample) throw new CliError('give exactly one of --case <case-number> or --sample', 2);
      let data: unknown;
      if (values.sample) data = sampleData(name);
      else {
        if (!deps.loadCaseData) throw new CliError('the case store is not available in this build; use --sample to preview', 3);
        data = await deps.loadCaseData(name, values.case!);
      }
      try {
        const pdf = await renderDocument(name, data);
        await writeFile(values.out, pdf);
        io.out(`${templates[name].title}: ${values.out} (${Math.round(pdf.length / 1024)} KB)`);
        return 0;
      } catch (e) {
        if (e instanceof AppError) {
          for (const d of e.details ?? []) io.err(`  ${d.path}: ${d.message}`);
          throw new CliError(e.message, 1);
        }
        throw e;
      }
    },
  };
  const list: CliCommand = {
    path: ['documents', 'templates'],
    summary: '列出文书模板',
    usage: 'onewindow documents templates',
    async run(_args, io) {
      for (const n of TEMPLATE_NAMES) io.out(`${n}\t${templates[n].title}`);
      return 0;
    },
  };
  return [render, list];
}

export const commands: CliCommand[] = createDocumentCommands();
