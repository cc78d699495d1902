/**
 * `onewindow catalog ...`: lets IT validate an adapted catalog before deploying it and see what
 * the workstation will offer. Exit codes: 0 ok; 1 the catalog has errors or cannot be read;
 * 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { describeCondition, describeLimit, departmentName, type Catalog } from '../../shared/domain/catalog';
import { defaultCatalogPath, readCatalogFile, type CatalogLoadResult } from '../catalog';
import { CliError, type CliCommand, type CliIo } from './command';

const EXIT_CATALOG = 1;
const EXIT_USAGE = 2;

const checkUsage = 'onewindow catalog check [<file>]';
const showUsage = 'onewindow catalog show [--stage <N>] [--json] [--file <file>]';

function defaultPath(io: CliIo): string {
  try {
    return defaultCatalogPath(io.env);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_CATALOG);
  }
}

function summary(c: Catalog): string {
  const template = c.template ? '；这是模板，须按本地办事指南调整后使用' : '';
  return `版本 ${c.version}，${c.stages.length} 个阶段，${c.items.length} 个事项，${c.materials.length} 种材料，${c.fields.length} 个字段${template}`;
}

const check: CliCommand = {
  path: ['catalog', 'check'],
  summary: '校验事项目录文件，列出全部错误及其位置',
  usage: checkUsage,
  async run(args, io) {
    let positionals: string[];
    try {
      ({ positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} }));
    } catch (error) {
      throw new CliError(`参数有误：${(error as Error).message}。用法：${checkUsage}`, EXIT_USAGE);
    }
    if (positionals.length > 1) throw new CliError(`一次只能校验一个文件。用法：${checkUsage}`, EXIT_USAGE);
    const file = positionals[0] ?? defaultPath(io);
    const result = readCatalogFile(file);
    if (!result.ok) {
      for (const e of result.errors) io.out(`${e.path}: ${e.message}`);
      io.err(`目录校验未通过：${file} 共 ${result.errors.length} 处错误，请逐条修正后重新校验`);
      return EXIT_CATALOG;
    }
    io.out(`目录校验通过：${file}，${summary(result.catalog)}`);
    return 0;
  },
};

function open(file: string): Catalog {
  const result: CatalogLoadResult = readCatalogFile(file);
  if (result.ok) return result.catalog;
  const first = result.errors[0];
  throw new CliError(
    `事项目录 ${file} 无法使用（${result.errors.length} 处错误，第一处 ${first?.path ?? ''}: ${first?.message ?? ''}），请先运行 onewindow catalog check ${file}`,
    EXIT_CATALOG,
  );
}

/** The part of the catalog one stage uses: its items and the materials and fields they need. */
export function stageExtract(c: Catalog, no: number) {
  const stage = c.stages.find((s) => s.no === no);
  const items = c.items.filter((i) => i.stage === no);
  const codes = new Set(items.map((i) => i.code));
  const materialCodes = new Set(items.flatMap((i) => i.materials.map((m) => m.material)));
  return {
    version: c.version,
    stage,
    items,
    materials: c.materials.filter((m) => materialCodes.has(m.code)),
    fields: c.fields.filter((f) => f.items.some((code) => codes.has(code))),
  };
}

function printStage(c: Catalog, no: number, io: CliIo): void {
  const stage = c.stages.find((s) => s.no === no);
  if (!stage) return;
  const lead = stage.leadDepartment === null ? '无牵头部门（与各阶段并行）' : `牵头：${departmentName(c, stage.leadDepartment)}`;
  io.out(`第${stage.no}阶段 ${stage.name} — ${lead}`);
  for (const item of c.items.filter((i) => i.stage === no)) {
    const fee = item.fee.charged ? `收费：${item.fee.amount ?? ''}` : '不收费';
    const flags = [item.commitment ? '告知承诺' : '', item.onRequest ? '按需添加' : ''].filter(Boolean).join('、');
    io.out(
      `  ${item.code} ${item.name}｜${departmentName(c, item.department)}｜${item.itemType}/${item.caseType}｜法定${describeLimit(item.statutoryLimit)} 承诺${describeLimit(item.promisedLimit)}｜${fee}｜到现场${item.visits}次${flags ? `｜${flags}` : ''}`,
    );
    const fields = c.fields.filter((f) => f.items.includes(item.code)).length;
    const applies = item.appliesWhen ? `；适用：${describeCondition(item.appliesWhen, c)}` : '';
    io.out(`    材料 ${item.materials.length} 项，字段 ${fields} 个${applies}；结果：${item.result.name}`);
  }
}

const show: CliCommand = {
  path: ['catalog', 'show'],
  summary: '显示事项目录（全部或某一阶段），可输出 JSON',
  usage: showUsage,
  async run(args, io) {
    let values: { stage?: string; json?: boolean; file?: string };
    try {
      ({ values } = parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: { stage: { type: 'string' }, json: { type: 'boolean' }, file: { type: 'string' } },
      }));
    } catch (error) {
      throw new CliError(`参数有误：${(error as Error).message}。用法：${showUsage}`, EXIT_USAGE);
    }
    const c = open(values.file ?? defaultPath(io));
    let stageNo: number | undefined;
    if (values.stage !== undefined) {
      stageNo = /^\d+$/.test(values.stage) ? Number(values.stage) : NaN;
      if (!c.stages.some((s) => s.no === stageNo)) {
        throw new CliError(`没有第“${values.stage}”阶段；可选：${c.stages.map((s) => `${s.no} ${s.name}`).join('，')}`, EXIT_USAGE);
      }
    }
    if (values.json) {
      io.out(JSON.stringify(stageNo === undefined ? c : stageExtract(c, stageNo), null, 2));
      return 0;
    }
    io.out(`${c.title} ${summary(c)}`);
    for (const s of c.stages) if (stageNo === undefined || s.no === stageNo) printStage(c, s.no, io);
    return 0;
  },
};

export const commands: CliCommand[] = [check, show];
