import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { renderDocument, sampleData, TEMPLATE_NAMES, templates } from '../../../electron/documents';
import { renderDocumentReport } from '../../../electron/documents/registry';
import { chineseDate, chineseDateTime } from '../../../electron/documents/format';
import { createDocumentCommands } from '../../../electron/cli/documents';
import { CliError } from '../../../electron/cli/command';

async function rejected(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('template registry', () => {
  it('has the nine templates, each with sample data its own schema accepts', () => {
    expect(TEMPLATE_NAMES).toEqual([
      'acceptance-notice',
      'correction-notice',
      'rejection-notice',
      'deficiency-notice',
      'material-receipt',
      'approval-decision',
      'construction-permit',
      'denial-decision',
      'licence',
    ]);
    for (const n of TEMPLATE_NAMES) expect(templates[n].schema.safeParse(sampleData(n)).success, n).toBe(true);
  });

  it('refuses an unknown template with NOT_FOUND', async () => {
    expect((await rejected(renderDocument('permit-x', {}))).code).toBe('NOT_FOUND');
  });

  it('refuses invalid data with VALIDATION and Chinese field messages', async () => {
    const data = structuredClone(sampleData('acceptance-notice')) as { project: { code: string; name: string } };
    data.project.code = '2025-33';
    data.project.name = '工'.repeat(61);
    const e = await rejected(renderDocument('acceptance-notice', data));
    expect(e.code).toBe('VALIDATION');
    const paths = (e.details ?? []).map((d) => d.path);
    expect(paths).toContain('project.code');
    expect(paths).toContain('project.name');
    expect((e.details ?? []).find((d) => d.path === 'project.code')?.message).toContain('项目代码');
    expect((e.details ?? []).find((d) => d.path === 'project.name')?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('draws a character the Song face lacks from a fallback face, loaded only when the text needs it', async () => {
    const plain = await renderDocumentReport('material-receipt', sampleData('material-receipt'));
    expect(plain.fallbackFaces).toEqual([]);
    expect(Buffer.from(plain.pdf).includes('BabelStone')).toBe(false);
    const data = structuredClone(sampleData('material-receipt')) as { submittedBy: string };
    data.submittedBy = '王𪚥';
    const rare = await renderDocumentReport('material-receipt', data);
    expect(rare.missing).toEqual([]);
    expect(rare.fallbackFaces).toEqual(['BabelStone Han']);
  });

  it('prints a character no face holds as a marked blank and reports it, instead of failing the whole print', async () => {
    const data = structuredClone(sampleData('material-receipt')) as { submittedBy: string };
    const none = String.fromCodePoint(0x2ebf0);
    data.submittedBy = '王' + none;
    const r = await renderDocumentReport('material-receipt', data);
    expect(r.missing).toEqual([none]);
    expect(new TextDecoder().decode(r.pdf.subarray(0, 5))).toBe('%PDF-');
  });

  it('spells out 平方米 for ㎡, which the Song face lacks', async () => {
    const data = structuredClone(sampleData('construction-permit')) as { scale: string };
    data.scale = '总建筑面积 52340 ㎡';
    const pdf = await renderDocument('construction-permit', data);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });

  it('rejects a signature image that is not a PNG', async () => {
    const data = structuredClone(sampleData('approval-decision')) as { leader: { signaturePng?: string } };
    data.leader.signaturePng = btoa('not a png at all');
    const e = await rejected(renderDocument('approval-decision', data));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('签名');
  });
});

describe('dates as printed', () => {
  it('uses Arabic numerals without leading zeros', () => {
    expect(chineseDate('2025-09-06')).toBe('2025年9月6日');
    expect(chineseDateTime('2025-10-01T08:05')).toBe('2025年10月1日 08:05');
  });
});

describe('documents render command', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l), env: {} } };
  };

  it('without a store, --case says so and suggests --sample', async () => {
    const [render] = createDocumentCommands();
    const e = await render!.run(['acceptance-notice', '--case', 'X1', '--out', '/tmp/never.pdf'], io().io).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).message).toContain('--sample');
  });

  it('with a loader, --case renders what the loader returns and reports bad case data field by field', async () => {
    const asked: string[] = [];
    const [render] = createDocumentCommands({
      loadCaseData: async (template, caseNumber) => {
        asked.push(`${template}:${caseNumber}`);
        return { ...(sampleData('rejection-notice') as object), reasons: [] };
      },
    });
    const t = io();
    const e = await render!.run(['rejection-notice', '--case', 'C-1', '--out', '/tmp/never.pdf'], t.io).catch((x: unknown) => x);
    expect(asked).toEqual(['rejection-notice:C-1']);
    expect(e).toBeInstanceOf(CliError);
    expect(t.err.join('\n')).toContain('reasons');
  });
});
