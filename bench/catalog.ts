/**
 * Walks a standard project (企业投资 备案, 出让 land, no special works) through the four stages
 * with the default catalog and prints what one form and one set of materials save the
 * applicant, and how long composing the largest stage's form takes.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../electron/catalog';
import { isFilled, type Catalog } from '../shared/domain/catalog';
import {
  applyClerkEdit,
  composeStageForm,
  fieldsAskedItemByItem,
  plainValues,
  prefillStageForm,
  validateStageForm,
  visibleFields,
  type StageFormOptions,
} from '../shared/domain/forms';
import { resultHoldings, stageChecklist, type MaterialHolding } from '../shared/domain/materials';
import { ANSWERS as STANDARD_ANSWERS } from '../test/unit/acceptance/standard-project';

const PROJECT: StageFormOptions = { stage: 1, projectType: '备案', landSource: '出让', specialWorks: [] };

/**
 * What the applicant knows about the project (the same standard project the acceptance tests
 * use); the clerk types whatever prefill cannot supply. The agent's name and ID number come
 * from the card, so they are never typed.
 */
const ANSWERS: Record<string, unknown> = {
  ...STANDARD_ANSWERS,
  'project.type': '备案',
  'project.landSource': '出让',
  'project.specialWorks': [],
};

const VISIT_DAYS = ['2026-03-02', '2026-06-15', '2026-10-08', '2028-11-02'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function walk(catalog: Catalog, print: (line: string) => void): string[] {
  const earlierStages: { stage: number; values: Record<string, unknown> }[] = [];
  let holdings: MaterialHolding[] = [];
  const eLicences = [{ material: 'business-licence', licenceId: '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F' }];
  let typed = 0;
  let askedItemByItem = 0;
  let collected = 0;
  let requiredItemByItem = 0;
  const stageItems: string[][] = [];
  print('stage | items | form fields | asked item by item | clerk typed | materials item by item | to bring | reused | e-licence | in stage | generated');
  for (const [i, today] of VISIT_DAYS.entries()) {
    const stage = i + 1;
    const form = composeStageForm(catalog, { ...PROJECT, stage });
    stageItems.push(form.items.map((it) => it.code));
    // The card reader fills the agent's name and number at every visit.
    let values = prefillStageForm(form, {
      project: { code: ANSWERS['project.code'], name: ANSWERS['project.name'] },
      idCard: { name: '张三', idNumber: '11010519491231002X' },
      earlierStages,
    });
    let typedHere = 0;
    // Typing one field can reveal another (监理单位 → its credit code): repeat until nothing new shows.
    for (let more = true; more; ) {
      more = false;
      for (const field of visibleFields(form, plainValues(values))) {
        const answer = ANSWERS[field.key];
        if (values[field.key]?.source !== 'empty' || !isFilled(answer)) continue;
        values = applyClerkEdit(values, field.key, answer);
        typedHere++;
        more = true;
      }
    }
    const plain = plainValues(values);
    const problems = validateStageForm(form, plain);
    if (Object.keys(problems.errors).length > 0) throw new Error(`stage ${stage} invalid: ${JSON.stringify(problems.errors)}`);

    const lines = stageChecklist(catalog, form.items.map((it) => it.code), { today, holdings, eLicences, values: plain });
    const count = (s: string) => lines.filter((l) => l.status === s).length;
    const bring = lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && !l.fromForm && l.required).length;
    const generated = lines.filter((l) => l.fromForm).length;
    const itemByItem = lines.reduce((n, l) => n + (l.required && !l.fromForm ? l.neededBy.length : 0), 0);
    typed += typedHere;
    askedItemByItem += fieldsAskedItemByItem(form);
    collected += bring;
    requiredItemByItem += itemByItem;
    print(
      `${stage} ${form.stageName} | ${form.items.length} | ${visibleFields(form, plain).length} | ${fieldsAskedItemByItem(form)} | ${typedHere} | ${itemByItem} | ${bring} | ${count('reused')} | ${count('e-licence')} | ${count('issued-in-stage')} | ${generated}`,
    );

    // What this visit leaves behind for the next: the form's values, the attached materials and the results.
    earlierStages.push({ stage, values: plain });
    holdings = [
      ...holdings,
      ...lines
        .filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && !l.fromForm)
        .map((l) => ({ material: l.code, kind: 'stage' as const, ref: `blob:stage${stage}:${l.code}`, stage, issuedOn: today })),
      ...resultHoldings(
        catalog,
        form.items.map((it) => ({ itemCode: it.code, ref: `doc:${it.code}`, stage, issuedOn: today })),
      ),
    ];
  }
  print(`fields the clerk typed: ${typed} (plus the ID card read) vs ${askedItemByItem} asked item by item over the four stages`);
  print(`required materials the applicant brought: ${collected} vs ${requiredItemByItem} required item by item (form-generated tables excluded)`);
  return stageItems.reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
}

export async function run(print: (line: string) => void): Promise<void> {
  const catalog = loadCatalog();
  print(`catalog ${catalog.version}: standard project 备案 / 出让 / no special works`);
  walk(catalog, print);

  // The largest stage any project can reach: every special work and every item of stage 4.
  const largest = [1, 2, 3, 4, 5]
    .map((stage) => ({ stage, items: catalog.items.filter((i) => i.stage === stage).map((i) => i.code) }))
    .reduce((a, b) => (b.items.length > a.items.length ? b : a));
  const options: StageFormOptions = { stage: largest.stage, projectType: '政府投资', landSource: '划拨', specialWorks: ['特殊建设工程', '结建防空地下室'], addItems: largest.items };
  const form = composeStageForm(catalog, options);
  const runs = 2000;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    composeStageForm(catalog, options);
    samples.push((performance.now() - t0) * 1000);
  }
  print(`form composition, largest stage (${largest.stage}: ${form.items.length} items, ${form.sections.reduce((n, s) => n + s.fields.length, 0)} fields): median ${median(samples).toFixed(1)} µs over ${runs} runs`);
  const checklistSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    stageChecklist(catalog, largest.items, { today: '2028-11-02' });
    checklistSamples.push((performance.now() - t0) * 1000);
  }
  print(`materials checklist, same stage: median ${median(checklistSamples).toFixed(1)} µs over ${runs} runs`);
}
