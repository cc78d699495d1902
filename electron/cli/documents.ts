import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';
import { isTemplateName, renderDocument, sampleData, TEMPLATE_NAMES, templates } from '../documents';
import { resourcesDir } from '../documents/resources';
import { checkWording, WORDING_FILE } from '../documents/wording';
import { CliError, type CliCommand } from './command';

export interface DocumentCommandDeps {
  /** Maps a stored case onto the template's data; absent when no store is available. */
  loadCaseData?: (template: string, caseNumber: string) => Promise<unknown>;
}

const USAGE = `onewindow documents render <template> (--case <case-number> | --sample) --out <file.pdf>
  templates: ${TEMPLATE_NAMES.join(', ')}
  --case also takes a pre-acceptance record number (GZ-… 一次性告知, BSL-… 不予受理)`;

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
  const check: CliCommand = {
    path: ['documents', 'check'],
    summary: '校验文书措辞文件（resources/documents/wording.json），列出全部错误及其位置',
    usage: 'onewindow documents check [<file>]',
    async run(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
      if (positionals.length > 1) throw new CliError('一次只能校验一个文件。用法：onewindow documents check [<file>]', 2);
      const file = positionals[0] ?? join(resourcesDir(io.env), WORDING_FILE);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        io.out(`(文件): ${e instanceof SyntaxError ? '不是有效的JSON：' + e.message : '无法读取：' + String(e)}`);
        io.err(`文书措辞校验未通过：${file}`);
        return 1;
      }
      const { problems, wording } = checkWording(raw);
      if (!wording) {
        for (const p of problems) io.out(`${p.path}: ${p.message}`);
        io.err(`文书措辞校验未通过：${file} 共 ${problems.length} 处错误，请逐条修正后重新校验`);
        return 1;
      }
      io.out(`文书措辞校验通过：${file}，版本 ${wording.version}`);
      return 0;
    },
  };
  return [render, list, check];
}

export const commands: CliCommand[] = createDocumentCommands();
