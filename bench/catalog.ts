/**
 * Walks a standard project (企业投资 备案, 出让 land, no special works) and a held-out one through
 * the four stages with the default catalog and prints what one form and one set of materials save
 * the applicant, what the clerk typed and what was prefilled (and from where) per stage, how many
 * fields were asked again (goal 0), and how long composing the largest stage's form takes.
 */
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../electron/catalog';
import { isFilled, type Catalog } from '../shared/domain/catalog';
import {
  applyClerkEdit,
  composeStageForm,
  eLicenceFieldValues,
  fieldsAskedItemByItem,
  plainValues,
  prefillStageForm,
  resultFieldValues,
  validateStageForm,
  visibleFields,
  type IssuedResult,
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

/**
 * Held out from every test: a 社会投资备案 housing project on 出让 land with a Hong Kong agent,
 * a different builder, designer and contractor, and numbers no test uses.
 */
const HELD_OUT: Record<string, unknown> = {
  'project.code': '2026-320505-70-03-654321',
  'project.name': '金鸡湖畔䶮园住宅小区二期',
  'project.type': '备案',
  'project.landSource': '出让',
  'project.specialWorks': [],
  'project.buildingUse': '住宅',
  'project.location': '苏州市高新区金山路88号',
  'project.scale': '住宅楼六幢、幼儿园一所及地下车库',
  'project.totalInvestment': 128000,
  'project.fundingSource': '银行贷款',
  'project.plannedStart': '2027-03-01',
  'project.plannedEnd': '2029-06-30',
  'project.landArea': 45210.5,
  'land.use': '居住用地',
  'land.plotNo': 'SND-2026-G-18',
  'land.grantContractNo': '3205052026CR0018',
  'land.propertyCertNo': '苏(2026)苏州市不动产权第7004321号',
  'land.planningPermitNo': '地字第320505202600088号',
  'builder.name': '苏州金鸡湖置业发展有限公司',
  'builder.uscc': '91350100M000100Y43',
  'builder.legalRep.name': '陈䶮',
  'builder.address': '苏州市高新区狮山路1号',
  'builder.contact.name': '周敏',
  'builder.contact.phone': '0512-68881234',
  'agent.name': '李嘉欣',
  'agent.certType': '港澳居民来往内地通行证',
  'agent.idNumber': 'H12345678',
  'agent.phone': '+852 91234567',
  'designer.name': '苏州某某建筑设计院有限公司',
  'designer.uscc': '91350100M000100Y43',
  'project.buildingArea': 158000,
  'design.aboveGroundArea': 121000,
  'design.undergroundArea': 37000,
  'design.floorsAbove': 26,
  'design.height': 79.9,
  'design.plotRatio': 2.68,
  'planning.engineeringPermitNo': '建字第320505202700021号',
  'contractor.name': '江苏某某建工集团有限公司',
  'contractor.uscc': '91350100M000100Y43',
  'contractor.projectManager': '吴刚',
  'supervisor.name': '苏州某某工程监理有限公司',
  'supervisor.uscc': '91350100M000100Y43',
  'construction.drawingReviewNo': 'SZSC2027-0142',
  'construction.contractPrice': 96000,
  'construction.startDate': '2027-09-01',
  'construction.endDate': '2028-09-30',
  'construction.permitNo': '320505202708150201',
  // Before the stage-4 visit (2028-11-02): a 竣工验收 is filed after it happened.
  'completion.acceptanceDate': '2028-10-20',
  'completion.surveyReportNo': 'SZCH2029-015',
  'completion.archivesVolumes': 212,
};

const VISIT_DAYS = ['2026-03-02', '2026-06-15', '2026-10-08', '2028-11-02'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Walked {
  /** Per stage: fields the clerk typed, and prefilled fields by source. */
  stages: { stage: number; typed: string[]; prefilled: Record<string, number> }[];
  /** Fields typed at a stage although an earlier stage captured or issued them: the goal is none. */
  askedAgain: string[];
  largestStageItems: string[];
}

/** `card`: the agent lays a 居民身份证 on the reader; a Hong Kong agent's 通行证 is typed once, at the first stage. */
function walk(catalog: Catalog, answers: Record<string, unknown>, card: boolean, print: (line: string) => void): Walked {
  const earlierStages: { stage: number; values: Record<string, unknown> }[] = [];
  const issued: IssuedResult[] = [];
  let holdings: MaterialHolding[] = [];
  // The platform's library holds the builder's business licence (found by the builder's USCC).
  const licence = { name: answers['builder.name'], legalRepresentative: answers['builder.legalRep.name'] };
  const eLicences = [{ material: 'business-licence', licenceId: '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F' }];
  const known = new Set<string>();
  const out: Walked = { stages: [], askedAgain: [], largestStageItems: [] };
  let typed = 0;
  let askedItemByItem = 0;
  let collected = 0;
  let requiredItemByItem = 0;
  print(
    'stage | items | form fields | asked item by item | clerk typed | prefilled | materials item by item | to bring | reused | e-licence | in stage | generated',
  );
  for (const [i, today] of VISIT_DAYS.entries()) {
    const stage = i + 1;
    const form = composeStageForm(catalog, { ...PROJECT, stage });
    if (form.items.length > out.largestStageItems.length) out.largestStageItems = form.items.map((it) => it.code);
    // The card reader fills the agent's name and number at every visit.
    let values = prefillStageForm(form, {
      project: { code: answers['project.code'], name: answers['project.name'] },
      ...(card
        ? { idCard: { name: String(answers['agent.name']), idNumber: String(answers['agent.idNumber']), cardType: 'resident' as const } }
        : {}),
      earlierStages,
      issuedResults: resultFieldValues(catalog, issued),
      eLicences: eLicenceFieldValues(catalog, [{ material: 'business-licence', data: licence }]),
    });
    const typedHere: string[] = [];
    // Typing one field can reveal another (监理单位 → its credit code): repeat until nothing new shows.
    for (let more = true; more;) {
      more = false;
      for (const field of visibleFields(form, plainValues(values))) {
        const answer = answers[field.key];
        if (values[field.key]?.source !== 'empty' || !isFilled(answer)) continue;
        values = applyClerkEdit(values, field.key, answer);
        typedHere.push(field.key);
        if (known.has(field.key)) out.askedAgain.push(`${stage}:${field.key}`);
        more = true;
      }
    }
    const plain = plainValues(values);
    // Judged as the window judges it that day: date plausibility runs on the visit's date.
    const problems = validateStageForm(form, plain, { today });
    if (Object.keys(problems.errors).length > 0) throw new Error(`stage ${stage} invalid: ${JSON.stringify(problems.errors)}`);
    const prefilled: Record<string, number> = {};
    for (const v of Object.values(values))
      if (v.source !== 'clerk' && v.source !== 'empty') prefilled[v.source] = (prefilled[v.source] ?? 0) + 1;
    out.stages.push({ stage, typed: typedHere, prefilled });

    const lines = stageChecklist(
      catalog,
      form.items.map((it) => it.code),
      { today, holdings, eLicences, values: plain },
    );
    const count = (s: string) => lines.filter((l) => l.status === s).length;
    const bring = lines.filter((l) => (l.status === 'to-collect' || l.status === 'deficiency-allowed') && !l.fromForm && l.required).length;
    const generated = lines.filter((l) => l.fromForm).length;
    const itemByItem = lines.reduce((n, l) => n + (l.required && !l.fromForm ? l.neededBy.length : 0), 0);
    typed += typedHere.length;
    askedItemByItem += fieldsAskedItemByItem(form);
    collected += bring;
    requiredItemByItem += itemByItem;
    const prefilledCount = Object.values(prefilled).reduce((a, b) => a + b, 0);
    print(
      `${stage} ${form.stageName} | ${form.items.length} | ${visibleFields(form, plain).length} | ${fieldsAskedItemByItem(form)} | ${typedHere.length} | ${prefilledCount} | ${itemByItem} | ${bring} | ${count('reused')} | ${count('e-licence')} | ${count('issued-in-stage')} | ${generated}`,
    );

    // What this visit leaves behind for the next: the form's values, the attached materials and the results.
    for (const [k, v] of Object.entries(plain)) if (isFilled(v)) known.add(k);
    earlierStages.push({ stage, values: plain });
    for (const it of form.items) {
      const numberField = catalog.items.find((c) => c.code === it.code)?.result.numberField;
      const documentNumber =
        numberField !== undefined && isFilled(answers[numberField]) ? String(answers[numberField]) : `${it.code}-${stage}`;
      issued.push({ itemCode: it.code, stage, documentNumber });
      if (numberField !== undefined) known.add(numberField);
    }
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
  const sourceName = (s: string) =>
    s.startsWith('result:') ? `第${s.slice(7)}阶段核发` : s.startsWith('stage:') ? `第${s.slice(6)}阶段表单` : s;
  for (const st of out.stages) {
    const by = Object.entries(st.prefilled)
      .map(([s, n]) => `${sourceName(s)} ${n}`)
      .join(', ');
    print(`  stage ${st.stage} typed (${st.typed.length}): ${st.typed.join(' ') || '—'}; prefilled: ${by}`);
  }
  print(`fields the clerk typed: ${typed} (plus the ID card read) vs ${askedItemByItem} asked item by item over the four stages`);
  print(
    `fields asked again (typed although an earlier stage captured or issued them): ${out.askedAgain.length}${out.askedAgain.length ? ` — ${out.askedAgain.join(', ')}` : ''} (goal 0)`,
  );
  print(
    `required materials the applicant brought: ${collected} vs ${requiredItemByItem} required item by item (form-generated tables excluded)`,
  );
  return out;
}

export async function run(print: (line: string) => void): Promise<void> {
  const catalog = loadCatalog();
  print(`catalog ${catalog.version}: standard project 备案 / 出让 / no special works`);
  walk(catalog, ANSWERS, true, print);
  print('held-out project: 社会投资备案 housing (住宅) on 出让 land, Hong Kong agent (港澳居民来往内地通行证), 䶮 in names');
  walk(catalog, HELD_OUT, false, print);

  // The largest stage any project can reach: every special work and every item of stage 4.
  const largest = [1, 2, 3, 4, 5]
    .map((stage) => ({ stage, items: catalog.items.filter((i) => i.stage === stage).map((i) => i.code) }))
    .reduce((a, b) => (b.items.length > a.items.length ? b : a));
  const options: StageFormOptions = {
    stage: largest.stage,
    projectType: '政府投资',
    landSource: '划拨',
    specialWorks: ['特殊建设工程', '结建防空地下室'],
    addItems: largest.items,
  };
  const form = composeStageForm(catalog, options);
  const runs = 2000;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    composeStageForm(catalog, options);
    samples.push((performance.now() - t0) * 1000);
  }
  print(
    `form composition, largest stage (${largest.stage}: ${form.items.length} items, ${form.sections.reduce((n, s) => n + s.fields.length, 0)} fields): median ${median(samples).toFixed(1)} µs over ${runs} runs`,
  );
  const checklistSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    stageChecklist(catalog, largest.items, { today: '2028-11-02' });
    checklistSamples.push((performance.now() - t0) * 1000);
  }
  print(`materials checklist, same stage: median ${median(checklistSamples).toFixed(1)} µs over ${runs} runs`);
}
